using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.AgentConfig;
using MultiPhone.Functions.OpenApi;
using MultiPhone.Migration;
using MultiPhone.Telephony;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/webhooks/...</c>: the telephony provider's inbound-call and inbound-SMS webhooks (form-encoded, signed
/// with X-Twilio-Signature), answered in TwiML. An unsigned or badly signed request is refused before anything runs.
/// </summary>
public static partial class WebhooksApi
{
    private const string Xml = "application/xml";

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder v2)
    {
        var group = v2.MapGroup("/webhooks")
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter<TwilioSignatureFilter>()
            .WithMetadata(new RequiredHeader(TwilioSignatureFilter.Header,
                "The provider's signature: Base64 of HMAC-SHA1, keyed with the account's auth token, over the URL it called "
                + "followed by every form field's name and value in name order."))
            .WithTags("Telephony webhooks")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/voice/inbound", VoiceAsync)
            .Describe("InboundCall", "A call arrives: hand it to the voice agent, or do what the after-hours rule says",
                "Form fields as the provider sends them: CallSid, From, To (E.164), AccountSid. Signed with X-Twilio-Signature. "
                + "Answers TwiML: Connect/Stream to the voice agent with businessId and phoneId parameters when open; the after-hours "
                + "action when closed; Reject for a number no phone answers on.")
            .Produces<string>(contentType: Xml);
        group.MapPost("/voice/recorded", Recorded)
            .Describe("MessageRecorded", "A caller finished leaving a message (the Record action)",
                "Form fields: CallSid, From, To, RecordingUrl, RecordingDuration, AccountSid. Signed with X-Twilio-Signature. "
                + "The recording stays with the provider; the app logs where it is and thanks the caller.")
            .Produces<string>(contentType: Xml);
        group.MapPost("/sms/inbound", TextAsync)
            .Describe("InboundSms", "A text arrives: answer with the right auto-reply and forward it when configured",
                "Form fields: MessageSid, From, To, Body, AccountSid. Signed with X-Twilio-Signature. A MessageSid already "
                + "answered gets an empty response, so a retry or replay never sends a second reply.")
            .Produces<string>(contentType: Xml);
        return v2;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> VoiceAsync(
        [FromForm] CallForm form, HttpRequest request, LazyMigration lazy, IOptions<TelephonyOptions> options)
    {
        if (Missing(("CallSid", form.CallSid), ("From", form.From), ("To", form.To)) is { } missing)
        {
            return missing.ToHttp();
        }
        var call = new InboundCall(form.CallSid!, form.From!, form.To!);
        var config = await lazy.ConfigByNumberAsync(call.To);
        if (!config.IsOk)
        {
            // Nobody answers on this number here: refuse the call instead of letting it ring.
            return TypedResults.Text(new TwimlResponse().Reject(TwimlRejectReason.Rejected).ToXml(), Xml);
        }
        var recorded = $"{request.PathBase}/api/v2/webhooks/voice/recorded";
        return TypedResults.Text(InboundResponses.ForCall(config.Value.Configuration, call, options.Value, recorded), Xml);
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Recorded([FromForm] RecordingForm form, ILoggerFactory loggers)
    {
        // The recording stays in the provider's account; this records where it is and whose it is.
        LogMessageRecorded(loggers.CreateLogger(typeof(WebhooksApi)), form.CallSid, form.To, form.From, form.RecordingUrl, form.RecordingDuration);
        return TypedResults.Text(new TwimlResponse().Say(InboundResponses.MessageThanks).Hangup().ToXml(), Xml);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> TextAsync(
        [FromForm] TextForm form, HttpRequest request, LazyMigration lazy, WebhookReceipts receipts)
    {
        if (Missing(("MessageSid", form.MessageSid), ("From", form.From), ("To", form.To)) is { } missing)
        {
            return missing.ToHttp();
        }
        var text = new InboundText(form.MessageSid!, form.From!, form.To!, form.Body ?? "");
        var empty = new TwimlResponse().ToXml();
        if (!await receipts.FirstTimeAsync("sms", text.MessageSid, request.HttpContext.RequestAborted))
        {
            // A retry or replay of a message already answered: answer again with nothing, so no second reply goes out.
            return TypedResults.Text(empty, Xml);
        }
        try
        {
            var config = await lazy.ConfigByNumberAsync(text.To);
            return TypedResults.Text(config.IsOk ? InboundResponses.ForText(config.Value.Configuration, text) : empty, Xml);
        }
        catch
        {
            // Not answered: let the provider's retry through.
            await receipts.ForgetAsync("sms", text.MessageSid);
            throw;
        }
    }

    private static Problem? Missing(params (string Name, string? Value)[] fields)
    {
        var errors = new FieldErrors();
        foreach (var (name, _) in fields.Where(field => string.IsNullOrWhiteSpace(field.Value)))
        {
            errors.Add(name, "Required.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Message recorded on call {CallSid} to {To} from {From}: {RecordingUrl} ({Duration} s)")]
    private static partial void LogMessageRecorded(ILogger logger, string? callSid, string? to, string? from, string? recordingUrl, string? duration);
}

/// <summary>
/// Checks the provider's signature over the URL it called and the form it sent, before the endpoint runs. The URL is
/// the configured public base URL plus the path, or the request's own URL as trusted forwarded headers left it.
/// </summary>
internal sealed class TwilioSignatureFilter(IOptions<TelephonyOptions> options) : IEndpointFilter
{
    public const string Header = "X-Twilio-Signature";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var settings = options.Value;
        // The endpoint's form parameter has read the form (refusing what is not a readable form) before filters run.
        var form = request.Form;
        var url = settings.PublicBaseUrl is { Length: > 0 } publicBase
            ? publicBase.TrimEnd('/') + request.PathBase + request.Path + request.QueryString
            : request.GetEncodedUrl();
        var parameters = form.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? "")));
        if (!TwilioSignature.IsValid(request.Headers[Header], url, parameters, settings.AuthToken)
            || (settings.AccountSid is { Length: > 0 } account && form["AccountSid"] != account))
        {
            return ValueTask.FromResult<object?>(new Problem(ProblemTypes.InvalidSignature, 403, "The request signature does not verify",
                $"{Header} must be the provider's signature of this URL and form, made with this account's auth token.").ToHttp());
        }
        return next(context);
    }
}

/// <summary>
/// The inbound-call fields the app reads. The provider sends more, and its signature covers every field it sent; all
/// webhook forms are read by parameter binding, which answers 415 for a body that is not a form and 400 for one that
/// cannot be read (a control character, broken multipart), before the signature check or anything else runs.
/// </summary>
public sealed class CallForm
{
    [Required]
    [JsonPropertyName("CallSid")]
    public string? CallSid { get; set; }

    /// <summary>The caller, E.164.</summary>
    [Required]
    [JsonPropertyName("From")]
    public string? From { get; set; }

    /// <summary>The dialed number, E.164.</summary>
    [Required]
    [JsonPropertyName("To")]
    public string? To { get; set; }

    [JsonPropertyName("AccountSid")]
    public string? AccountSid { get; set; }
}

/// <summary>The fields of the recording callback the app reads.</summary>
public sealed class RecordingForm
{
    [JsonPropertyName("CallSid")]
    public string? CallSid { get; set; }

    [JsonPropertyName("From")]
    public string? From { get; set; }

    [JsonPropertyName("To")]
    public string? To { get; set; }

    [JsonPropertyName("AccountSid")]
    public string? AccountSid { get; set; }

    [JsonPropertyName("RecordingUrl")]
    public string? RecordingUrl { get; set; }

    [JsonPropertyName("RecordingDuration")]
    public string? RecordingDuration { get; set; }
}

/// <summary>The inbound-SMS fields the app reads.</summary>
public sealed class TextForm
{
    [Required]
    [JsonPropertyName("MessageSid")]
    public string? MessageSid { get; set; }

    [Required]
    [JsonPropertyName("From")]
    public string? From { get; set; }

    [Required]
    [JsonPropertyName("To")]
    public string? To { get; set; }

    [JsonPropertyName("Body")]
    public string? Body { get; set; }

    [JsonPropertyName("AccountSid")]
    public string? AccountSid { get; set; }
}
