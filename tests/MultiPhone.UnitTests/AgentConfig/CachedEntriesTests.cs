using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;
using MultiPhone.AgentConfig;
using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.AgentConfig;

/// <summary>
/// The agent-configuration cache's entries: when a change is seen while a read is under way, and how far they are
/// trusted on what the change feed readers vouch for.
/// </summary>
public sealed class CachedEntriesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    private CachedEntries<string, string> NewEntries() => new(_time, () => TimeSpan.FromSeconds(1), () => 100, new CosmosReachability());

    private static Task<string> Unavailable() =>
        Task.FromException<string>(new CosmosException("paused", HttpStatusCode.ServiceUnavailable, 0, "", 0));

    [Fact]
    public async Task AnEntryForgottenWhileItsReadRunsIsStillTheFallbackWhenCosmosDoesNotAnswer()
    {
        var entries = NewEntries();
        var read = new TaskCompletionSource<string>();
        var first = entries.GetAsync("phone", null, () => read.Task);
        entries.Forget("phone");
        read.SetResult("before the change");
        Assert.Equal("before the change", (await first).Entry.Value);

        var lookup = await entries.GetAsync("phone", null, Unavailable);

        Assert.True(lookup.Stale);
        Assert.Equal("before the change", lookup.Entry.Value);
    }

    [Fact]
    public async Task ACallerAfterAChangeDoesNotShareAReadStartedBeforeIt()
    {
        var entries = NewEntries();
        var before = new TaskCompletionSource<string>();
        var first = entries.GetAsync("phone", null, () => before.Task);
        entries.Forget("phone");

        var second = await entries.GetAsync("phone", null, () => Task.FromResult("after the change"));
        before.SetResult("before the change");

        Assert.Equal("after the change", second.Entry.Value);
        Assert.Equal("before the change", (await first).Entry.Value);
    }

    [Fact]
    public async Task AChangeMakesTheNextCallerReadAgain()
    {
        var entries = NewEntries();
        await entries.GetAsync("phone", null, () => Task.FromResult("before the change"));
        entries.Forget("phone");

        var lookup = await entries.GetAsync("phone", null, () => Task.FromResult("after the change"));

        Assert.Equal(("after the change", false), (lookup.Entry.Value, lookup.Stale));
    }

    [Fact]
    public async Task AnEntryTheFeedsVouchForIsNotReadAgainPastMaxAge()
    {
        var entries = NewEntries();
        var loadedAt = _time.GetUtcNow();
        await entries.GetAsync("phone", null, () => Task.FromResult("first read"));
        _time.Advance(TimeSpan.FromSeconds(5));
        var reads = 0;

        var lookup = await entries.GetAsync("phone", Vouching(from: loadedAt.AddSeconds(-1), through: _time.GetUtcNow().AddSeconds(-0.1)), () =>
        {
            reads++;
            return Task.FromResult("read again");
        });

        Assert.Equal(("first read", false, 0), (lookup.Entry.Value, lookup.Stale, reads));
    }

    [Fact]
    public async Task AnEntryIsReadAgainWhenTheFeedsLastCaughtUpReadBeganOverMaxAgeAgo()
    {
        var entries = NewEntries();
        var loadedAt = _time.GetUtcNow();
        await entries.GetAsync("phone", null, () => Task.FromResult("first read"));
        _time.Advance(TimeSpan.FromSeconds(5));

        var lookup = await entries.GetAsync("phone", Vouching(from: loadedAt.AddSeconds(-1), through: _time.GetUtcNow().AddSeconds(-1.5)),
            () => Task.FromResult("read again"));

        Assert.Equal("read again", lookup.Entry.Value);
    }

    [Fact]
    public async Task AnEntryReadBeforeTheFeedsStartedIsReadAgainPastMaxAge()
    {
        var entries = NewEntries();
        var loadedAt = _time.GetUtcNow();
        await entries.GetAsync("phone", null, () => Task.FromResult("first read"));
        _time.Advance(TimeSpan.FromSeconds(5));

        var lookup = await entries.GetAsync("phone", Vouching(from: loadedAt.AddSeconds(1), through: _time.GetUtcNow().AddSeconds(-0.1)),
            () => Task.FromResult("read again"));

        Assert.Equal("read again", lookup.Entry.Value);
    }

    [Fact]
    public async Task AChangeTheFeedsSawMakesEvenAVouchedForEntryReadAgain()
    {
        var entries = NewEntries();
        var loadedAt = _time.GetUtcNow();
        await entries.GetAsync("phone", null, () => Task.FromResult("before the change"));
        _time.Advance(TimeSpan.FromSeconds(5));
        entries.Forget("phone");

        var lookup = await entries.GetAsync("phone", Vouching(from: loadedAt.AddSeconds(-1), through: _time.GetUtcNow().AddSeconds(-0.1)),
            () => Task.FromResult("after the change"));

        Assert.Equal("after the change", lookup.Entry.Value);
    }

    [Fact]
    public async Task WhenCosmosDoesNotAnswerAVouchedForEntryIsServedAsOfTheFeedsLastCaughtUpRead()
    {
        var entries = NewEntries();
        var loadedAt = _time.GetUtcNow();
        await entries.GetAsync("phone", null, () => Task.FromResult("last read"));
        var caughtUp = loadedAt.AddSeconds(2);
        _time.Advance(TimeSpan.FromSeconds(5));

        var lookup = await entries.GetAsync("phone", Vouching(from: loadedAt.AddSeconds(-1), through: caughtUp), Unavailable);

        Assert.Equal(("last read", true, caughtUp), (lookup.Entry.Value, lookup.Stale, lookup.AsOf));
    }

    private static FeedCoverage Vouching(DateTimeOffset from, DateTimeOffset through) => new(from, through);
}
