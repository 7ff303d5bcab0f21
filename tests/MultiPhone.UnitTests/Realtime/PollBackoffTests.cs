using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.Realtime;

public sealed class PollBackoffTests
{
    private static readonly PollBackoff Backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    [Fact]
    public void AFeedThatJustHadChangesIsAskedAgainAfterTheFastestInterval() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), Backoff.After(TimeSpan.Zero));

    [Fact]
    public void EachEmptyReadDoublesTheWaitUntilItReachesTheSlowest()
    {
        var waits = new List<TimeSpan>();
        var wait = TimeSpan.Zero;
        for (var read = 0; read < 7; read++)
        {
            wait = Backoff.After(wait);
            waits.Add(wait);
        }

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], waits.Select(w => w.TotalMilliseconds));
    }

    [Fact]
    public void AQuietFeedCostsOneReadPerSlowestIntervalWhateverItsHistory() =>
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.After(TimeSpan.FromHours(1)));
}
