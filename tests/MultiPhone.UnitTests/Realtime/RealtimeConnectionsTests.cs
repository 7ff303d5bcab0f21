using MultiPhone.Functions.Realtime;

namespace MultiPhone.UnitTests.Realtime;

public sealed class RealtimeConnectionsTests
{
    private readonly RealtimeConnections _connections = new();

    [Fact]
    public async Task ASubscriptionAskingBeforeTheHubHasAddedTheConnectionGetsItOnceAdded()
    {
        var asking = _connections.IsOwnedByAsync("c1", "alice", TestContext.Current.CancellationToken);
        var alsoAsking = _connections.IsOwnedByAsync("c1", "alice", TestContext.Current.CancellationToken);
        Assert.False(asking.IsCompleted);

        _connections.Add("c1", "alice");

        Assert.True(await asking);
        Assert.True(await alsoAsking);
    }

    [Fact]
    public async Task AnotherUsersConnectionIsNotYoursWhetherItArrivesBeforeOrAfterTheQuestion()
    {
        var early = _connections.IsOwnedByAsync("c1", "mallory", TestContext.Current.CancellationToken);
        _connections.Add("c1", "alice");

        Assert.False(await early);
        Assert.False(await _connections.IsOwnedByAsync("c1", "mallory", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AConnectionThatNeverArrivesIsNobodysAfterTheGrace()
    {
        Assert.False(await _connections.IsOwnedByAsync("never", "alice", TestContext.Current.CancellationToken));

        _connections.Add("never", "alice");
        Assert.True(await _connections.IsOwnedByAsync("never", "alice", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AClosedConnectionIsNoLongerYours()
    {
        _connections.Add("c1", "alice");
        _connections.Remove("c1");

        Assert.False(await _connections.IsOwnedByAsync("c1", "alice", TestContext.Current.CancellationToken));
    }
}
