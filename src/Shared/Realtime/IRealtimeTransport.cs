namespace MultiPhone.Realtime;

/// <summary>Where a client connects and with which token: the shape of a SignalR redirect negotiation.</summary>
public sealed record NegotiateResponse(string Url, string AccessToken);

/// <summary>
/// Delivers realtime messages to SignalR groups (one group per channel) and manages who is in them: the app's own
/// hub when it runs standalone, Azure SignalR Service (Serverless, through its REST API) in Azure.
/// </summary>
public interface IRealtimeTransport
{
    /// <summary>The hub method clients receive messages on.</summary>
    public const string ClientMethod = "change";

    /// <param name="userId">The caller's subject: the connection's user.</param>
    /// <param name="callerToken">The caller's own bearer token.</param>
    /// <param name="tokenExpires">When the caller's token expires: no token for the client outlives it.</param>
    /// <param name="apiBase">The API's base URL as the caller reached it (after trusted proxies only).</param>
    /// <param name="ct">Cancellation.</param>
    Task<NegotiateResponse> NegotiateAsync(string userId, string callerToken, DateTimeOffset tokenExpires, Uri apiBase, CancellationToken ct);

    /// <summary>
    /// Subscribes <paramref name="userId"/>'s connection to a group for no longer than <paramref name="grantExpires"/>,
    /// when the token that allows it expires; false when the connection is not one of the user's.
    /// </summary>
    Task<bool> AddToGroupAsync(string connectionId, string userId, string group, DateTimeOffset grantExpires, CancellationToken ct);

    /// <summary>Unsubscribes <paramref name="userId"/>'s connection from a group; false when it is not one of the user's.</summary>
    Task<bool> RemoveFromGroupAsync(string connectionId, string userId, string group, CancellationToken ct);

    Task SendAsync(string group, ChangeMessage message, CancellationToken ct);
}
