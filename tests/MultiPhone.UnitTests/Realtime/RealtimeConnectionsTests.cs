using Microsoft.Extensions.Time.Testing;
using MultiPhone.Functions.Realtime;

namespace MultiPhone.UnitTests.Realtime;

public sealed class RealtimeConnectionsTests
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Expires.AddHours(-1));
    private readonly RealtimeConnections _connections;

    public RealtimeConnectionsTests() => _connections = new(_time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASubscriptionAskingBeforeTheHubHasAddedTheConnectionGetsItOnceAdded()
    {
        var asking = _connections.MayJoinAsync("c1", "alice", Expires, Ct);
        var alsoAsking = _connections.MayJoinAsync("c1", "alice", Expires, Ct);
        Assert.False(asking.IsCompleted);

        _connections.Add("c1", new("alice", Expires));

        Assert.True(await asking);
        Assert.True(await alsoAsking);
        Assert.Equal(0, _connections.Waiting);
    }

    [Fact]
    public async Task SomeoneElsesConnectionIsRefusedOnlyWhenTheGraceForAnUnknownOneIsOver()
    {
        _connections.Add("c1", new("alice", Expires));

        var known = _connections.MayJoinAsync("c1", "mallory", Expires, Ct);
        var unknown = _connections.MayJoinAsync("c2", "mallory", Expires, Ct);
        _time.Advance(RealtimeConnections.HandshakeGrace - TimeSpan.FromMilliseconds(1));
        var answeredEarly = (known.IsCompleted, unknown.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal((false, false), answeredEarly);
        Assert.Equal((false, false), (await known, await unknown));
    }

    [Fact]
    public async Task AConnectionThatArrivesForAnotherUserIsNotYours()
    {
        var early = _connections.MayJoinAsync("c1", "mallory", Expires, Ct);
        _connections.Add("c1", new("alice", Expires));
        _time.Advance(RealtimeConnections.HandshakeGrace);

        Assert.False(await early);
    }

    [Fact]
    public async Task AConnectionOutlivingTheTokenThatSubscribesItMayNotJoin()
    {
        _connections.Add("c1", new("alice", Expires));

        var shorter = _connections.MayJoinAsync("c1", "alice", Expires.AddSeconds(-1), Ct);
        _time.Advance(RealtimeConnections.HandshakeGrace);

        Assert.False(await shorter);
        Assert.True(await _connections.MayJoinAsync("c1", "alice", Expires.AddMinutes(5), Ct));
    }

    [Fact]
    public async Task ACallerWhoHangsUpWhileWaitingLeavesNothingBehind()
    {
        using var hangUp = new CancellationTokenSource();
        var asking = _connections.MayJoinAsync("never", "alice", Expires, hangUp.Token);
        Assert.Equal(1, _connections.Waiting);

        await hangUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);
        Assert.Equal(0, _connections.Waiting);
    }

    [Fact]
    public async Task AWaitThatTimesOutLeavesNothingBehind()
    {
        var asking = _connections.MayJoinAsync("never", "alice", Expires, Ct);
        _time.Advance(RealtimeConnections.HandshakeGrace);

        Assert.False(await asking);
        Assert.Equal(0, _connections.Waiting);
    }

    [Fact]
    public void AClosedConnectionIsNoLongerYours()
    {
        _connections.Add("c1", new("alice", Expires));
        var whileOpen = _connections.IsOwnedBy("c1", "alice");
        _connections.Remove("c1");

        Assert.Equal((true, false, false), (whileOpen, _connections.IsOwnedBy("c1", "alice"), _connections.IsOwnedBy("c1", "mallory")));
    }
}
