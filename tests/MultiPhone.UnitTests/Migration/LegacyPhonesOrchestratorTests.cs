using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using MultiPhone.Functions.Migration;
using MultiPhone.Migration;

namespace MultiPhone.UnitTests.Migration;

/// <summary>
/// The orchestrator's own logic (paging with ContinueAsNew, the fan-out limit, the counts, the phases, the custom
/// status) through Durable's in-process test host. The activities here are small in-memory ones under the real
/// names, so each test sees exactly which pages and batches the orchestrator asked for; the real activities run
/// against Cosmos in the integration tests.
/// </summary>
public sealed class LegacyPhonesOrchestratorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ARunPagesThroughEveryBusinessContinuingAsNewAfterEachPage()
    {
        var businesses = Businesses(7);
        await using var host = await StartAsync(businesses);

        var (summary, _) = await RunAsync(host, new RunOptions(false, 2, 2, null, false, PageSize: 3));

        // A wave of batches (2 of 2) holds a whole page of 3, so each page is one read.
        Assert.Equal([("", 3), ("3", 3), ("6", 3)], host.Reads.OrderBy(r => r.From, StringComparer.Ordinal));
        Assert.Equal(businesses.Order(), host.Migrated.Order());
        Assert.Equal(new MigrationCounts(7, 5, 0, 0, 0, 2, 0), summary.Migration);
        Assert.Null(summary.Verification);
    }

    [Fact]
    public async Task TheFirstBatchesStartWhileTheRestOfThePageIsRead()
    {
        var businesses = Businesses(6);
        await using var host = await StartAsync(businesses, restWaitsForABatch: true);

        await RunAsync(host, new RunOptions(false, 1, 2, null, false, PageSize: 6));

        // A first read of one wave (2 batches of 1), then the other 4 ids, read while a batch runs.
        Assert.Equal([("", 2), ("2", 4)], host.Reads.OrderBy(r => r.From, StringComparer.Ordinal));
        Assert.Equal(["2"], host.ReadsAfterABatchStarted);
        Assert.Equal(businesses.Order(), host.Migrated.Order());
    }

    [Fact]
    public async Task TheCountStartsWhereTheFirstPageEndsAndTheTotalIsKnownAtTheEnd()
    {
        var businesses = Businesses(7);
        await using var host = await StartAsync(businesses);

        var (_, run) = await RunAsync(host, new RunOptions(false, 2, 2, null, false, PageSize: 3));

        Assert.DoesNotContain("", host.CountsFrom);
        Assert.Equal(7, run.ReadCustomStatusAs<RunProgress>()!.Total);
    }

    [Fact]
    public async Task ARunOfOnePageNeedsNoCount()
    {
        await using var host = await StartAsync(Businesses(5));

        var (_, run) = await RunAsync(host, new RunOptions(false, 2, 2, null, false, PageSize: 10));

        Assert.Empty(host.CountsFrom);
        Assert.Equal(5, run.ReadCustomStatusAs<RunProgress>()!.Total);
    }

    [Fact]
    public async Task NoMoreBatchesRunAtOnceThanMaxParallelism()
    {
        await using var host = await StartAsync(Businesses(8));

        await RunAsync(host, new RunOptions(false, 1, 2, null, false));

        Assert.InRange(host.MostAtOnce, 1, 2);
        Assert.Equal(8, host.Migrated.Count);
    }

    [Fact]
    public async Task AfterMigratingItVerifiesWhenAsked()
    {
        var businesses = Businesses(4);
        await using var host = await StartAsync(businesses);

        var (summary, _) = await RunAsync(host, new RunOptions(false, 2, 2, null, Verify: true));

        Assert.Equal(businesses.Order(), host.Verified.Order());
        Assert.Equal(new VerificationCounts(4, 4, 0, 0), summary.Verification);
    }

    [Fact]
    public async Task ADryRunAsksForDryBatchesAndNeverVerifies()
    {
        await using var host = await StartAsync(Businesses(3));

        var (summary, _) = await RunAsync(host, new RunOptions(true, 5, 1, null, Verify: true));

        Assert.True(summary.DryRun);
        Assert.All(host.Batches, batch => Assert.True(batch.DryRun));
        Assert.Empty(host.Verified);
    }

    [Fact]
    public async Task ARunOverChosenBusinessesTakesThemAPageAtATimeWithoutReadingTheContainer()
    {
        await using var host = await StartAsync(Businesses(10));

        var (summary, _) = await RunAsync(host, new RunOptions(false, 2, 3, ["c", "a", "e", "b", "d"], false, PageSize: 2));

        Assert.Empty(host.Reads);
        Assert.Equal(["a", "b", "c", "d", "e"], host.Migrated.Order());
        Assert.Equal(5, summary.Migration.Scanned);
    }

    [Fact]
    public async Task TheCustomStatusShowsTheFinishedPhaseAndStaysFarBelowDurablesLimit()
    {
        await using var host = await StartAsync(Businesses(5));

        var (_, run) = await RunAsync(host, new RunOptions(false, 2, 2, null, false, PageSize: 2));

        var progress = run.ReadCustomStatusAs<RunProgress>()!;
        Assert.Equal((RunPhase.Migrate, 100.0, 5, 5), (progress.Phase, progress.Percent, progress.Scanned, progress.Total ?? 0));
        Assert.InRange(run.SerializedCustomStatus!.Length, 1, 2048);
    }

    private static List<string> Businesses(int count) => [.. Enumerable.Range(0, count).Select(i => ((char)('a' + i)).ToString())];

    private static async Task<(RunSummary Summary, OrchestrationMetadata Run)> RunAsync(StandIns host, RunOptions options)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            LegacyPhonesOrchestrator.Name, RunState.Start(options, DateTime.UtcNow), TestContext.Current.CancellationToken);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(Patience);
        var run = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.RuntimeStatus}: {run.FailureDetails?.ErrorMessage}");
        return (run.ReadOutputAs<RunSummary>()!, run);
    }

    private static async Task<StandIns> StartAsync(IReadOnlyList<string> businesses, bool restWaitsForABatch = false)
    {
        var standIns = new StandIns(businesses, restWaitsForABatch);
        standIns.Host = await DurableTaskTestHost.StartAsync(
            tasks => standIns.Register(tasks.AddOrchestrator<LegacyPhonesOrchestrator>(LegacyPhonesOrchestrator.Name)),
            new DurableTaskTestHostOptions { Port = FreePort() });
        return standIns;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The activities, in memory: a container of <see cref="_businesses"/> paged by offset; every business whose id
    /// is a vowel conflicts, every other migrates; every business verifies. Records what was asked. With
    /// <paramref name="restWaitsForABatch"/>, a read that does not start a page waits (up to a bound) for a batch to run.
    /// </summary>
    private sealed class StandIns(IReadOnlyList<string> businesses, bool restWaitsForABatch) : IAsyncDisposable
    {
        private static readonly TimeSpan RestWait = TimeSpan.FromSeconds(20);
        private readonly IReadOnlyList<string> _businesses = businesses;
        private readonly TaskCompletionSource _aBatchStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _atOnce;
        private int _mostAtOnce;

        public DurableTaskTestHost Host { get; set; } = null!;

        public DurableTaskClient Client => Host.Client;

        public ConcurrentBag<(string From, int Size)> Reads { get; } = [];

        public ConcurrentBag<string> ReadsAfterABatchStarted { get; } = [];

        public ConcurrentBag<string> CountsFrom { get; } = [];

        public ConcurrentBag<string> Migrated { get; } = [];

        public ConcurrentBag<string> Verified { get; } = [];

        public ConcurrentBag<BatchRequest> Batches { get; } = [];

        public int MostAtOnce => _mostAtOnce;

        public void Register(DurableTaskRegistry tasks) => tasks
            .AddActivityFunc<PageRequest, CountSlice>(CountBusinessesActivity.Name, (_, page) =>
            {
                // One page per slice, so a count that takes several executions is exercised too.
                CountsFrom.Add(page.Continuation ?? "");
                var offset = int.Parse(page.Continuation ?? "0", CultureInfo.InvariantCulture);
                var next = offset + page.PageSize;
                return new CountSlice(Math.Min(page.PageSize, _businesses.Count - offset), next < _businesses.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
            })
            .AddActivityFunc<PageRequest, BusinessIdPage>(ReadBusinessPageActivity.Name, async (_, page) =>
            {
                var offset = int.Parse(page.Continuation ?? "0", CultureInfo.InvariantCulture);
                Reads.Add((page.Continuation ?? "", page.PageSize));
                if (restWaitsForABatch && offset > 0 && await RanInTimeAsync(_aBatchStarted.Task))
                {
                    ReadsAfterABatchStarted.Add(page.Continuation!);
                }
                var ids = _businesses.Skip(offset).Take(page.PageSize).ToList();
                var next = offset + ids.Count;
                return new BusinessIdPage(ids, next < _businesses.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
            })
            .AddActivityFunc<BatchRequest, MigrationCounts>(MigrateBatchActivity.Name, async (_, batch) =>
            {
                Batches.Add(batch);
                _aBatchStarted.TrySetResult();
                var atOnce = Interlocked.Increment(ref _atOnce);
                InterlockedMax(ref _mostAtOnce, atOnce);
                // Long enough for batches started together to overlap, so the limit is what keeps them apart.
                await Task.Delay(100);
                Interlocked.Decrement(ref _atOnce);
                foreach (var id in batch.BusinessIds)
                {
                    Migrated.Add(id);
                }
                return MigrationCounts.Of(batch.BusinessIds.Select(id => new MigrationOutcome(id,
                    "aeiou".Contains(id[0], StringComparison.Ordinal) ? MigrationOutcomeKind.Conflict : MigrationOutcomeKind.Migrated)));
            })
            .AddActivityFunc<BatchRequest, VerificationCounts>(VerifyBatchActivity.Name, (_, batch) =>
            {
                foreach (var id in batch.BusinessIds)
                {
                    Verified.Add(id);
                }
                return VerificationCounts.Of(batch.BusinessIds.Select(id => new VerificationOutcome(id, VerificationOutcomeKind.Passed)));
            });

        public ValueTask DisposeAsync() => Host.DisposeAsync();

        private static async Task<bool> RanInTimeAsync(Task started)
        {
            try
            {
                await started.WaitAsync(RestWait);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var current = target; value > current; current = target)
            {
                if (Interlocked.CompareExchange(ref target, value, current) == current)
                {
                    return;
                }
            }
        }
    }
}
