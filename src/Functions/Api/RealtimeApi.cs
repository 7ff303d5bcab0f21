using System.ComponentModel.DataAnnotations;
using MultiPhone.Functions.Realtime;
using MultiPhone.Realtime;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/realtime</c>: negotiate a SignalR connection, then subscribe it to channels. The same flow works against
/// the app's own hub (standalone) and Azure SignalR Service (in Azure); docs/realtime.md describes the messages.
/// </summary>
public static class RealtimeApi
{
    public static RouteGroupBuilder MapRealtime(this RouteGroupBuilder v2)
    {
        var group = v2.MapGroup("/realtime").WithTags("Realtime");
        group.MapPost("/negotiate", NegotiateAsync)
            .WithName("NegotiateRealtime")
            .WithSummary("Where to connect for realtime messages, and with which token")
            .WithDescription("Returns a SignalR redirect negotiation (url, accessToken). SignalR clients do this themselves: point them "
                + "at `/api/v2/realtime` with your bearer token. Then subscribe the connection to channels.");
        group.MapPost("/subscriptions", SubscribeAsync)
            .WithName("SubscribeToChannel")
            .WithSummary("Start receiving a channel's messages on a connection")
            .WithDescription("Channels: `business:{businessId}`, `phone:{phoneId}:settings`, `phone:{phoneId}:voice`, `phone:{phoneId}:hours`. "
                + "Members of a business (any role) may listen to its channels; voice agents to any phone's voice and hours. "
                + "Anything else answers 404, as the REST routes do. Subscribe again after a reconnect.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/subscriptions", UnsubscribeAsync)
            .WithName("UnsubscribeFromChannel")
            .WithSummary("Stop receiving a channel's messages on a connection")
            .WithDescription("`?connectionId=...&channel=...`, the same values as the subscription. Only your own connections.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v2;
    }

    private static async Task<Ok<NegotiateResponse>> NegotiateAsync(HttpContext http, IRealtimeTransport transport, CancellationToken ct)
    {
        var token = http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : http.Request.Query["access_token"].ToString();
        // Scheme and host are the request's own unless a configured proxy forwarded them (TrustedProxies).
        var apiBase = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        return TypedResults.Ok(await transport.NegotiateAsync(Caller.From(http.User).Subject, token, TokenExpiry.Of(http.User), apiBase, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SubscribeAsync(
        ChannelSubscriptionInput input, HttpContext http, ChannelAccess access, IRealtimeTransport transport, TimeProvider time, CancellationToken ct)
    {
        if (Validate(input) is { } invalid)
        {
            return invalid.ToHttp();
        }
        // Authentication accepts a token a minute past its expiry (clock skew); a subscription is granted only while it is valid.
        var grantExpires = TokenExpiry.Of(http.User);
        if (grantExpires <= time.GetUtcNow())
        {
            return Problem.NotFound("Your token has expired: subscribe with a fresh one.").ToHttp();
        }
        var caller = Caller.From(http.User);
        var channel = Parse(input.Channel)!.Value;
        var allowed = await access.AuthorizeAsync(caller, channel, input.BusinessId, ct);
        if (!allowed.IsOk)
        {
            return allowed.Problem.ToHttp();
        }
        return await transport.AddToGroupAsync(input.ConnectionId!, caller.Subject, channel.ToString(), grantExpires, ct)
            ? TypedResults.NoContent()
            : Problem.NotFound($"Connection '{input.ConnectionId}' is not one of your open connections, or it outlives the token you "
                + "subscribe with (subscribe with the token you connected with, or a newer one).").ToHttp();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnsubscribeAsync(
        string? connectionId, string? channel, HttpContext http, IRealtimeTransport transport, CancellationToken ct)
    {
        var input = new ChannelSubscriptionInput { ConnectionId = connectionId, Channel = channel };
        if (Validate(input) is { } invalid)
        {
            return invalid.ToHttp();
        }
        return await transport.RemoveFromGroupAsync(input.ConnectionId!, Caller.From(http.User).Subject, Parse(input.Channel)!.Value.ToString(), ct)
            ? TypedResults.NoContent()
            : Problem.NotFound($"Connection '{input.ConnectionId}' is not one of your open connections.").ToHttp();
    }

    private static Problem? Validate(ChannelSubscriptionInput input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.ConnectionId) || input.ConnectionId.Length > ChannelSubscriptionInput.MaxConnectionIdLength
            || input.ConnectionId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add("connectionId", "The connectionId of your SignalR connection (after it started).");
        }
        if (Parse(input.Channel) is null)
        {
            errors.Add("channel", "One of business:{businessId}, phone:{phoneId}:settings, phone:{phoneId}:voice, phone:{phoneId}:hours.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    private static Channel? Parse(string? text) => Channel.TryParse(text, out var channel) ? channel : null;
}

/// <summary>Body of <c>POST /api/v2/realtime/subscriptions</c>.</summary>
public sealed record ChannelSubscriptionInput
{
    public const int MaxConnectionIdLength = 256;

    [MaxLength(MaxConnectionIdLength)]
    public string? ConnectionId { get; init; }

    public string? Channel { get; init; }

    /// <summary>For phone channels: the phone's business. Only callers with a platform role (ops, voice agents) need it.</summary>
    public string? BusinessId { get; init; }
}
