using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.Realtime;

/// <summary>When a cached value is known to match the store, from what the change feed readers vouch for.</summary>
public sealed class FeedCoverageTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    [Fact]
    public void AValueReadWhileTheReadersFollowedIsCurrentAsOfTheirLastCaughtUpRead()
    {
        var coverage = new FeedCoverage(From: At(0), Through: At(10));

        Assert.Equal(At(10), coverage.CurrentAsOf(readBegan: At(4)));
    }

    [Fact]
    public void AValueReadAfterTheReadersLastCaughtUpReadBeganIsCurrentOnlyAsOfItsOwnRead()
    {
        var coverage = new FeedCoverage(From: At(0), Through: At(10));

        Assert.Equal(At(11), coverage.CurrentAsOf(readBegan: At(11)));
    }

    [Fact]
    public void AValueReadBeforeTheReadersStartedIsCurrentOnlyAsOfItsOwnRead()
    {
        // A reader started "from now" never saw the changes before it: one of them may be missing from the value.
        var coverage = new FeedCoverage(From: At(5), Through: At(10));

        Assert.Equal(At(4), coverage.CurrentAsOf(readBegan: At(4)));
    }

    [Fact]
    public void OnEqualClockReadingsTheOrderIsUnknownSoTheValueIsNotTrusted()
    {
        var coverage = new FeedCoverage(From: At(5), Through: At(10));

        Assert.Equal(At(5), coverage.CurrentAsOf(readBegan: At(5)));
        Assert.Equal(At(10), coverage.CurrentAsOf(readBegan: At(10)));
    }

    [Fact]
    public void SeveralContainersVouchForTheLatestStartAndTheEarliestCaughtUpRead()
    {
        var published = new Dictionary<string, FeedCoverage>
        {
            ["phones"] = new(At(1), At(10)),
            ["settings"] = new(At(3), At(8)),
        };

        var together = FeedCoverage.Across(["phones", "settings"], c => published.TryGetValue(c, out var v) ? v : null);

        Assert.Equal(new FeedCoverage(At(3), At(8)), together);
    }

    [Fact]
    public void AContainerWhoseReaderHasNotPublishedLeavesNothingVouchedFor()
    {
        var published = new Dictionary<string, FeedCoverage> { ["phones"] = new(At(1), At(10)) };

        Assert.Null(FeedCoverage.Across(["phones", "settings"], c => published.TryGetValue(c, out var v) ? v : null));
        Assert.Null(FeedCoverage.Across([], c => published.TryGetValue(c, out var v) ? v : null));
    }
}
