using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;
using MultiPhone.AgentConfig;

namespace MultiPhone.UnitTests.AgentConfig;

/// <summary>The agent-configuration cache's entries when a change is seen while a read is under way.</summary>
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
        var first = entries.GetAsync("phone", () => read.Task);
        entries.Forget("phone");
        read.SetResult("before the change");
        Assert.Equal("before the change", (await first).Entry.Value);

        var lookup = await entries.GetAsync("phone", Unavailable);

        Assert.True(lookup.Stale);
        Assert.Equal("before the change", lookup.Entry.Value);
    }

    [Fact]
    public async Task ACallerAfterAChangeDoesNotShareAReadStartedBeforeIt()
    {
        var entries = NewEntries();
        var before = new TaskCompletionSource<string>();
        var first = entries.GetAsync("phone", () => before.Task);
        entries.Forget("phone");

        var second = await entries.GetAsync("phone", () => Task.FromResult("after the change"));
        before.SetResult("before the change");

        Assert.Equal("after the change", second.Entry.Value);
        Assert.Equal("before the change", (await first).Entry.Value);
    }

    [Fact]
    public async Task AChangeMakesTheNextCallerReadAgain()
    {
        var entries = NewEntries();
        await entries.GetAsync("phone", () => Task.FromResult("before the change"));
        entries.Forget("phone");

        var lookup = await entries.GetAsync("phone", () => Task.FromResult("after the change"));

        Assert.Equal(("after the change", false), (lookup.Entry.Value, lookup.Stale));
    }
}
