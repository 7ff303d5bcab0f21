using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.Realtime;

/// <summary>The cache's change feed readers wait for a cache in use before they read (<see cref="CacheFeeds.WhenWantedAsync"/>).</summary>
public sealed class CacheFeedsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheReadersWaitUntilACacheWantsThem()
    {
        var feeds = new CacheFeeds();
        var wanted = feeds.WhenWantedAsync(TestContext.Current.CancellationToken);
        Assert.False(wanted.IsCompleted);

        feeds.Want(every: TimeSpan.FromMilliseconds(250), lasting: TimeSpan.FromMinutes(1));

        await wanted.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void WhileACacheWantsThemTheReadersGoOnAtOnce()
    {
        var feeds = new CacheFeeds();
        feeds.Want(every: TimeSpan.FromMilliseconds(250), lasting: TimeSpan.FromMinutes(1));

        Assert.True(feeds.WhenWantedAsync(TestContext.Current.CancellationToken).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task OnceTheCacheIsNoLongerInUseTheReadersWaitForItsNextUse()
    {
        var feeds = new CacheFeeds();
        feeds.Want(every: TimeSpan.FromMilliseconds(10), lasting: TimeSpan.FromMilliseconds(50));
        while (feeds.WantedEvery is not null)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var wanted = feeds.WhenWantedAsync(TestContext.Current.CancellationToken);
        Assert.False(wanted.IsCompleted);
        feeds.Want(every: TimeSpan.FromMilliseconds(250), lasting: TimeSpan.FromMinutes(1));

        await wanted.WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ReadersWaitingWhenTheAppStopsAreCancelled()
    {
        using var stopping = new CancellationTokenSource();
        var wanted = new CacheFeeds().WhenWantedAsync(stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wanted.WaitAsync(Bound, TestContext.Current.CancellationToken));
    }
}
