using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using MultiPhone.Realtime;

namespace MultiPhone.Functions.Realtime;

/// <summary>
/// The app's own SignalR hub at <c>/api/v2/realtime/hub</c>, used when the app runs standalone (locally, in tests).
/// Clients only listen: they join channels through <c>POST /api/v2/realtime/subscriptions</c>, as with Azure SignalR
/// Service in Serverless mode, so one client flow works with both. It is mapped to close each connection when the
/// token it was opened with expires (<see cref="RealtimeRegistration.MapRealtimeHub"/>).
/// </summary>
[Authorize]
public sealed class RealtimeHub(RealtimeConnections connections) : Hub
{
    public const string Path = "/api/v2/realtime/hub";

    public override Task OnConnectedAsync()
    {
        var user = Context.User ?? new ClaimsPrincipal();
        connections.Add(Context.ConnectionId, new ConnectionOwner(user.FindFirst("sub")?.Value ?? "", TokenExpiry.Of(user)));
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>Whose a connection is, and when the token it was opened with expires (and the connection closes).</summary>
public sealed record ConnectionOwner(string UserId, DateTimeOffset Expires);

/// <summary>Whose each open connection is, so nobody can subscribe or unsubscribe another user's connection.</summary>
/// <remarks>
/// SignalR answers the client's handshake before it runs <see cref="RealtimeHub.OnConnectedAsync"/>, so a client that
/// subscribes as soon as its <c>start()</c> returns can ask about its connection a moment before it is added here. An
/// unknown connection is therefore waited for, briefly, before it is called someone else's.
/// </remarks>
public sealed class RealtimeConnections(TimeProvider time)
{
    public static readonly TimeSpan HandshakeGrace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, ConnectionOwner> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ConnectionOwner>> _expected = new(StringComparer.Ordinal);

    /// <summary>Subscriptions waiting for their connection to arrive.</summary>
    public int Waiting => _expected.Count;

    public void Add(string connectionId, ConnectionOwner owner)
    {
        _owners[connectionId] = owner;
        if (_expected.TryRemove(connectionId, out var waiting))
        {
            waiting.TrySetResult(owner);
        }
    }

    public void Remove(string connectionId) => _owners.TryRemove(connectionId, out _);

    /// <summary>Whether the connection is open and the user's, now: for leaving, where no handshake can be pending.</summary>
    public bool IsOwnedBy(string connectionId, string userId) => _owners.TryGetValue(connectionId, out var owner) && owner.UserId == userId;

    /// <summary>
    /// Whether the user's connection may join a channel that a token valid until <paramref name="grantExpires"/> allows:
    /// it must be theirs and close no later than that token expires, so no connection hears a channel longer than the
    /// token that allowed it (a membership removed lives on only in older tokens, until they expire).
    /// </summary>
    public async Task<bool> MayJoinAsync(string connectionId, string userId, DateTimeOffset grantExpires, CancellationToken ct)
    {
        var asked = time.GetTimestamp();
        var owner = _owners.GetValueOrDefault(connectionId) ?? await ArrivalAsync(connectionId, ct);
        if (owner is not null && owner.UserId == userId && owner.Expires <= grantExpires)
        {
            return true;
        }
        // Every refusal takes the whole grace, as one for a connection that never arrives must: a quicker answer would
        // tell that someone else's connection exists.
        // Again until it has: a timer may fire a little early (its clock ticks coarser than the stopwatch's).
        for (var remaining = HandshakeGrace - time.GetElapsedTime(asked); remaining > TimeSpan.Zero; remaining = HandshakeGrace - time.GetElapsedTime(asked))
        {
            await Task.Delay(remaining, time, ct);
        }
        return false;
    }

    private async Task<ConnectionOwner?> ArrivalAsync(string connectionId, CancellationToken ct)
    {
        var arrival = _expected.GetOrAdd(connectionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            // Added between the first look and the registration of the wait.
            return _owners.TryGetValue(connectionId, out var owner) ? owner : await arrival.Task.WaitAsync(HandshakeGrace, time, ct);
        }
        catch (TimeoutException)
        {
            // Another caller that gave up on the same connection may have removed the wait before it arrived.
            return _owners.GetValueOrDefault(connectionId);
        }
        finally
        {
            // Whether it arrived, timed out or the caller hung up: nothing stays behind.
            _expected.TryRemove(KeyValuePair.Create(connectionId, arrival));
        }
    }
}

/// <summary>When a bearer token expires, from its <c>exp</c> claim (the handler has validated it and requires it).</summary>
public static class TokenExpiry
{
    public static DateTimeOffset Of(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst("exp")?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
}

/// <summary>Realtime delivery through the app's own hub.</summary>
public sealed class LocalHubTransport(IHubContext<RealtimeHub> hub, RealtimeConnections connections) : IRealtimeTransport
{
    public Task<NegotiateResponse> NegotiateAsync(string userId, string callerToken, DateTimeOffset tokenExpires, Uri apiBase, CancellationToken ct) =>
        Task.FromResult(new NegotiateResponse(new Uri(apiBase, RealtimeHub.Path).ToString(), callerToken));

    public async Task<bool> AddToGroupAsync(string connectionId, string userId, string group, DateTimeOffset grantExpires, CancellationToken ct)
    {
        if (!await connections.MayJoinAsync(connectionId, userId, grantExpires, ct))
        {
            return false;
        }
        await hub.Groups.AddToGroupAsync(connectionId, group, ct);
        return true;
    }

    public async Task<bool> RemoveFromGroupAsync(string connectionId, string userId, string group, CancellationToken ct)
    {
        if (!connections.IsOwnedBy(connectionId, userId))
        {
            return false;
        }
        await hub.Groups.RemoveFromGroupAsync(connectionId, group, ct);
        return true;
    }

    public Task SendAsync(string group, ChangeMessage message, CancellationToken ct) =>
        hub.Clients.Group(group).SendAsync(IRealtimeTransport.ClientMethod, message, ct);
}
