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
    /// <param name="apiBase">The API's base URL as the caller reached it.</param>
    /// <param name="ct">Cancellation.</param>
    Task<NegotiateResponse> NegotiateAsync(string userId, string callerToken, Uri apiBase, CancellationToken ct);

    /// <summary>Adds a connection of <paramref name="userId"/> to a group; false when there is no such connection.</summary>
    Task<bool> AddToGroupAsync(string connectionId, string userId, string group, CancellationToken ct);

    Task RemoveFromGroupAsync(string connectionId, string group, CancellationToken ct);

    Task SendAsync(string group, ChangeMessage message, CancellationToken ct);
}
