using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MultiPhone.AgentConfig;
using MultiPhone.Common;
using MultiPhone.Functions.Hosting;
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
            .WithTags("Telephony webhooks")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/voice/inbound", VoiceAsync)
            .WithName("InboundCall")
            .WithSummary("A call arrives: hand it to the voice agent, or do what the after-hours rule says")
            .WithDescription("Form fields as the provider sends them: CallSid, From, To (E.164), AccountSid. Signed with X-Twilio-Signature. "
                + "Answers TwiML: Connect/Stream to the voice agent with businessId and phoneId parameters when open; the after-hours "
                + "action when closed; Reject for a number no phone answers on.")
            .Produces<string>(contentType: Xml);
        group.MapPost("/voice/recorded", RecordedAsync)
            .WithName("MessageRecorded")
            .WithSummary("A caller finished leaving a message (the Record action)")
            .Produces<string>(contentType: Xml);
        group.MapPost("/sms/inbound", TextAsync)
            .WithName("InboundSms")
            .WithSummary("A text arrives: answer with the right auto-reply and forward it when configured")
            .WithDescription("Form fields: MessageSid, From, To, Body, AccountSid. Signed with X-Twilio-Signature. A MessageSid already "
                + "answered gets an empty response, so a retry or replay never sends a second reply.")
            .Produces<string>(contentType: Xml);
        return v2;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> VoiceAsync(
        HttpRequest request, LazyMigration lazy, IOptions<TelephonyOptions> options)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (Missing(form, "CallSid", "From", "To") is { } missing)
        {
            return missing.ToHttp();
        }
        var call = new InboundCall(form["CallSid"]!, form["From"]!, form["To"]!);
        var config = await lazy.ConfigByNumberAsync(call.To);
        if (!config.IsOk)
        {
            // Nobody answers on this number here: refuse the call instead of letting it ring.
            return TypedResults.Text(new TwimlResponse().Reject(TwimlRejectReason.Rejected).ToXml(), Xml);
        }
        var recorded = $"{request.PathBase}/api/v2/webhooks/voice/recorded";
        return TypedResults.Text(InboundResponses.ForCall(config.Value.Configuration, call, options.Value, recorded), Xml);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> RecordedAsync(HttpRequest request, ILoggerFactory loggers)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        // The recording stays in the provider's account; this records where it is and whose it is.
        LogMessageRecorded(loggers.CreateLogger(typeof(WebhooksApi)), form["CallSid"].ToString(), form["To"].ToString(),
            form["From"].ToString(), form["RecordingUrl"].ToString(), form["RecordingDuration"].ToString());
        return TypedResults.Text(new TwimlResponse().Say(InboundResponses.MessageThanks).Hangup().ToXml(), Xml);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> TextAsync(
        HttpRequest request, LazyMigration lazy, WebhookReceipts receipts)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (Missing(form, "MessageSid", "From", "To") is { } missing)
        {
            return missing.ToHttp();
        }
        var text = new InboundText(form["MessageSid"]!, form["From"]!, form["To"]!, form["Body"].ToString());
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

    private static Problem? Missing(IFormCollection form, params string[] names)
    {
        var errors = new FieldErrors();
        foreach (var name in names.Where(name => string.IsNullOrWhiteSpace(form[name])))
        {
            errors.Add(name, "Required.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Message recorded on call {CallSid} to {To} from {From}: {RecordingUrl} ({Duration} s)")]
    private static partial void LogMessageRecorded(ILogger logger, string callSid, string to, string from, string recordingUrl, string duration);
}

/// <summary>
/// Checks the provider's signature over the URL it called and the form it sent, before the endpoint runs. The URL is
/// the configured public base URL plus the path, or the request's own URL as trusted forwarded headers left it.
/// </summary>
internal sealed class TwilioSignatureFilter(IOptions<TelephonyOptions> options) : IEndpointFilter
{
    public const string Header = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType)
        {
            return new Problem(ProblemTypes.UnsupportedMediaType, 415, "Send the webhook form-encoded",
                "Telephony webhooks are application/x-www-form-urlencoded.").ToHttp();
        }
        var settings = options.Value;
        var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        var url = settings.PublicBaseUrl is { Length: > 0 } publicBase
            ? publicBase.TrimEnd('/') + request.PathBase + request.Path + request.QueryString
            : request.GetEncodedUrl();
        var parameters = form.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? "")));
        if (!TwilioSignature.IsValid(request.Headers[Header], url, parameters, settings.AuthToken)
            || (settings.AccountSid is { Length: > 0 } account && form["AccountSid"] != account))
        {
            return new Problem(ProblemTypes.InvalidSignature, 403, "The request signature does not verify",
                $"{Header} must be the provider's signature of this URL and form, made with this account's auth token.").ToHttp();
        }
        return await next(context);
    }
}
