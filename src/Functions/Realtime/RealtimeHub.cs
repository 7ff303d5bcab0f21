using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using MultiPhone.Realtime;

namespace MultiPhone.Functions.Realtime;

/// <summary>
/// The app's own SignalR hub at <c>/api/v2/realtime/hub</c>, used when the app runs standalone (locally, in tests).
/// Clients only listen: they join channels through <c>POST /api/v2/realtime/subscriptions</c>, as with Azure SignalR
/// Service in Serverless mode, so one client flow works with both.
/// </summary>
[Authorize]
public sealed class RealtimeHub(RealtimeConnections connections) : Hub
{
    public const string Path = "/api/v2/realtime/hub";

    public override Task OnConnectedAsync()
    {
        connections.Add(Context.ConnectionId, Context.User?.FindFirst("sub")?.Value ?? "");
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>Whose each open connection is, so nobody can subscribe another user's connection.</summary>
public sealed class RealtimeConnections
{
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    public void Add(string connectionId, string userId) => _owners[connectionId] = userId;

    public void Remove(string connectionId) => _owners.TryRemove(connectionId, out _);

    public bool IsOwnedBy(string connectionId, string userId) => _owners.TryGetValue(connectionId, out var owner) && owner == userId;
}

/// <summary>Realtime delivery through the app's own hub.</summary>
public sealed class LocalHubTransport(IHubContext<RealtimeHub> hub, RealtimeConnections connections) : IRealtimeTransport
{
    public Task<NegotiateResponse> NegotiateAsync(string userId, string callerToken, Uri apiBase, CancellationToken ct) =>
        Task.FromResult(new NegotiateResponse(new Uri(apiBase, RealtimeHub.Path).ToString(), callerToken));

    public async Task<bool> AddToGroupAsync(string connectionId, string userId, string group, CancellationToken ct)
    {
        if (!connections.IsOwnedBy(connectionId, userId))
        {
            return false;
        }
        await hub.Groups.AddToGroupAsync(connectionId, group, ct);
        return true;
    }

    public Task RemoveFromGroupAsync(string connectionId, string group, CancellationToken ct) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, group, ct);

    public Task SendAsync(string group, ChangeMessage message, CancellationToken ct) =>
        hub.Clients.Group(group).SendAsync(IRealtimeTransport.ClientMethod, message, ct);
}
