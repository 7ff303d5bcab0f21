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
/// <remarks>
/// SignalR answers the client's handshake before it runs <see cref="RealtimeHub.OnConnectedAsync"/>, so a client that
/// subscribes as soon as its <c>start()</c> returns can ask about its connection a moment before it is added here. An
/// unknown connection is therefore waited for, briefly, before it is called someone else's.
/// </remarks>
public sealed class RealtimeConnections
{
    public static readonly TimeSpan HandshakeGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _expected = new(StringComparer.Ordinal);

    public void Add(string connectionId, string userId)
    {
        _owners[connectionId] = userId;
        if (_expected.TryRemove(connectionId, out var waiting))
        {
            waiting.TrySetResult(userId);
        }
    }

    public void Remove(string connectionId) => _owners.TryRemove(connectionId, out _);

    public async Task<bool> IsOwnedByAsync(string connectionId, string userId, CancellationToken ct)
    {
        if (_owners.TryGetValue(connectionId, out var owner))
        {
            return owner == userId;
        }
        var arrival = _expected.GetOrAdd(connectionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        // Added between the first look and the registration of the wait.
        if (_owners.TryGetValue(connectionId, out owner))
        {
            _expected.TryRemove(KeyValuePair.Create(connectionId, arrival));
            return owner == userId;
        }
        try
        {
            return await arrival.Task.WaitAsync(HandshakeGrace, ct) == userId;
        }
        catch (TimeoutException)
        {
            _expected.TryRemove(KeyValuePair.Create(connectionId, arrival));
            return false;
        }
    }
}

/// <summary>Realtime delivery through the app's own hub.</summary>
public sealed class LocalHubTransport(IHubContext<RealtimeHub> hub, RealtimeConnections connections) : IRealtimeTransport
{
    public Task<NegotiateResponse> NegotiateAsync(string userId, string callerToken, Uri apiBase, CancellationToken ct) =>
        Task.FromResult(new NegotiateResponse(new Uri(apiBase, RealtimeHub.Path).ToString(), callerToken));

    public async Task<bool> AddToGroupAsync(string connectionId, string userId, string group, CancellationToken ct)
    {
        if (!await connections.IsOwnedByAsync(connectionId, userId, ct))
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
