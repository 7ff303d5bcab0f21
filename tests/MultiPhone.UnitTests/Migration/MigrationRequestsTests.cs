using MultiPhone.Migration;

namespace MultiPhone.UnitTests.Migration;

public sealed class MigrationRequestsTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AnEmptyRequestMigratesEveryBusinessWithTheDefaults()
    {
        var options = MigrationRequests.Validate(new MigrationRequest(null, null, null, null, null));

        Assert.Equal(new RunOptions(false, MigrationRequests.DefaultBatchSize, MigrationRequests.DefaultParallelism, null, false), options.Value);
    }

    [Fact]
    public void EveryBadFieldIsNamed()
    {
        var options = MigrationRequests.Validate(new MigrationRequest(false, 0, 65, ["ok-1", "not/an id", ""], null));

        Assert.Equal(["batchSize", "businessIds[1]", "businessIds[2]", "maxParallelism"], options.Problem!.Errors!.Keys.Order());
    }

    [Fact]
    public void AnEmptyListOfBusinessesIsRefused() =>
        Assert.Contains("businessIds", MigrationRequests.Validate(new MigrationRequest(null, null, null, [], null)).Problem!.Errors!.Keys);

    [Fact]
    public void RepeatedBusinessesAreMigratedOnce() =>
        Assert.Equal(["a", "b"], MigrationRequests.Validate(new MigrationRequest(null, null, null, ["a", "b", "a"], null)).Value!.BusinessIds);

    [Fact]
    public void ADryRunNeverVerifies() =>
        Assert.False(MigrationRequests.Validate(new MigrationRequest(true, null, null, null, true)).Value!.Verify);

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("a,b", null, true)]
    [InlineData(null, "a,b", true)]
    [InlineData("a,b", "b,c", true)]
    [InlineData("a,b", "c,d", false)]
    public void RunsOverlapWhenEitherTakesEveryBusinessOrTheyShareOne(string? first, string? second, bool overlap)
    {
        var running = RunState.Start(Options(second), Now);

        Assert.Equal(overlap, MigrationRequests.Overlap(Options(first), running));
    }

    [Fact]
    public void DryRunsAndVerificationsOverlapNothing()
    {
        Assert.False(MigrationRequests.Overlap(Options(null) with { DryRun = true }, RunState.Start(Options(null), Now)));
        Assert.False(MigrationRequests.Overlap(Options(null), RunState.Start(Options(null) with { DryRun = true }, Now)));
        Assert.False(MigrationRequests.Overlap(Options(null), RunState.Start(Options(null), Now, RunPhase.Verify)));
    }

    [Fact]
    public void RunIdsStartWithThePrefixAndTheTime()
    {
        var id = MigrationRequests.NewRunId(new DateTimeOffset(Now));

        Assert.Matches("^lp-20261127T120000Z-[0-9a-f]{6}$", id);
        Assert.NotEqual(id, MigrationRequests.NewRunId(new DateTimeOffset(Now)));
    }

    [Fact]
    public void CountsAddUpByOutcome()
    {
        var outcomes = new[] { MigrationOutcomeKind.Migrated, MigrationOutcomeKind.Migrated, MigrationOutcomeKind.Conflict, MigrationOutcomeKind.Failed, MigrationOutcomeKind.SkippedNoNumber }
            .Select(kind => new MigrationOutcome("b", kind));

        var counts = MigrationCounts.Of(outcomes) + new MigrationCounts(1, 0, 1, 0, 0, 0, 0);

        Assert.Equal(new MigrationCounts(6, 2, 1, 1, 0, 1, 1), counts);
    }

    [Fact]
    public void ProgressGivesPercentRateAndEta()
    {
        var state = RunState.Start(Options(null), Now) with { Total = 1000, Position = 250, Migration = MigrationCounts.Zero with { Scanned = 250 } };

        var progress = RunProgress.Of(state, Now.AddSeconds(10));

        Assert.Equal((25.0, 25.0), (progress.Percent, progress.RatePerSecond));
        Assert.Equal(Now.AddSeconds(40), progress.Eta);
    }

    [Fact]
    public void ProgressWithoutATotalHasNoPercentOrEta()
    {
        var progress = RunProgress.Of(RunState.Start(Options(null), Now), Now);

        Assert.Equal((0.0, null), (progress.Percent, progress.Eta));
    }

    private static RunOptions Options(string? ids) => new(false, 10, 2, ids?.Split(','), false);
}
