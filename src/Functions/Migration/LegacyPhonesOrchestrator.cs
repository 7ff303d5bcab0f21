using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MultiPhone.Migration;

namespace MultiPhone.Functions.Migration;

/// <summary>
/// The legacy phone migration as a Durable orchestration, the same class under Durable Functions and standalone.
/// One execution handles one page of businesses: it reads the page's ids (an activity), fans them out in batches to
/// activities, at most <see cref="RunOptions.MaxParallelism"/> at a time, adds up their counts into the custom status
/// as each finishes, and continues as new with the cursor moved on, so its history never outgrows a page. After the
/// last page it verifies every business the same way when asked, and returns the counts.
/// Deterministic: it reads only its input, activity results and the orchestration clock, and logs through the
/// replay-safe logger. Its [Function] method is its trigger under Durable Functions and its name standalone
/// (Hosting/DurableTasks.cs).
/// </summary>
public sealed partial class LegacyPhonesOrchestrator : TaskOrchestrator<RunState, RunSummary?>
{
    public const string Name = "LegacyPhonesMigration";

    /// <summary>Storage hiccups that outlast the SDK's own retries get a few more tries before the run fails.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    [Function(Name)]
    public Task<RunSummary?> Trigger([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context, context.GetInput<RunState>()!);

    public override async Task<RunSummary?> RunAsync(TaskOrchestrationContext context, RunState state)
    {
        var log = context.CreateReplaySafeLogger<LegacyPhonesOrchestrator>();
        var options = state.Options;
        var pageDone = false;
        // Counted alongside the page, slice after slice until the count or the page is done: the count costs the run
        // no time of its own, and the percentage is known early in the first page.
        var counting = state.Total is null
            ? CountWhileAsync(context, state.CountContinuation, Math.Min(options.PageSize, LegacyStore.ReadChunk), slice => Report(Counted(state, slice)), () => pageDone)
            : Task.CompletedTask;
        var (ids, continuation) = await NextPageAsync(context, state);
        var batches = ids.Chunk(options.BatchSize).Select(batch => new BatchRequest(context.InstanceId, options.DryRun, batch)).ToList();
        void Report(RunState next)
        {
            state = next;
            context.SetCustomStatus(RunProgress.Of(state, context.CurrentUtcDateTime));
        }
        if (state.Phase == RunPhase.Migrate)
        {
            await FanOutAsync<MigrationCounts>(context, MigrateBatchActivity.Name, batches, options.MaxParallelism, counts =>
                Report(state with { Migration = state.Migration + counts, Position = state.Position + counts.Scanned }));
        }
        else
        {
            await FanOutAsync<VerificationCounts>(context, VerifyBatchActivity.Name, batches, options.MaxParallelism, counts =>
                Report(state with { Verification = state.Verification + counts, Position = state.Position + counts.Checked }));
        }
        pageDone = true;
        await counting;
        Report(state with { Continuation = continuation });

        var more = options.BusinessIds is { } chosen ? state.Position < chosen.Count : continuation is not null;
        if (more)
        {
            context.ContinueAsNew(state, preserveUnprocessedEvents: true);
            return null;
        }
        LogPhaseDone(log, context.InstanceId, state.Phase, state.Position);
        if (state.Phase == RunPhase.Migrate && options.Verify && !options.DryRun)
        {
            var now = context.CurrentUtcDateTime;
            context.ContinueAsNew(state with { Phase = RunPhase.Verify, Continuation = null, Position = 0, PhaseStartedAt = now }, preserveUnprocessedEvents: true);
            return null;
        }
        var finished = context.CurrentUtcDateTime;
        var migrateSeconds = ((state.Phase == RunPhase.Verify ? state.PhaseStartedAt : finished) - state.StartedAt).TotalSeconds;
        return new RunSummary(
            options.DryRun,
            state.Migration,
            options.Verify && !options.DryRun ? state.Verification : null,
            state.StartedAt,
            finished,
            migrateSeconds > 0 ? Math.Round(state.Migration.Scanned / migrateSeconds, 1) : 0);
    }

    /// <summary>Counts slice after slice from where the count stopped, until it reaches the end or <paramref name="stop"/> says so.</summary>
    private static async Task CountWhileAsync(TaskOrchestrationContext context, string? from, int readSize, Action<CountSlice> counted, Func<bool> stop)
    {
        var continuation = from;
        do
        {
            var slice = await context.CallActivityAsync<CountSlice>(CountBusinessesActivity.Name, new PageRequest(continuation, readSize), Retry);
            counted(slice);
            continuation = slice.Continuation;
        }
        while (continuation is not null && !stop());
    }

    private static RunState Counted(RunState state, CountSlice slice) => slice.Continuation is null
        ? state with { Total = state.Counted + slice.Count, Counted = 0, CountContinuation = null }
        : state with { Counted = state.Counted + slice.Count, CountContinuation = slice.Continuation };

    /// <summary>The next page: the given businesses a page at a time, or all of them in storage order.</summary>
    private static async Task<(IReadOnlyList<string> Ids, string? Continuation)> NextPageAsync(TaskOrchestrationContext context, RunState state)
    {
        if (state.Options.BusinessIds is { } chosen)
        {
            return ([.. chosen.Skip(state.Position).Take(state.Options.PageSize)], null);
        }
        var page = await context.CallActivityAsync<BusinessIdPage>(ReadBusinessPageActivity.Name, new PageRequest(state.Continuation, state.Options.PageSize), Retry);
        return (page.Ids, page.Continuation);
    }

    /// <summary>Runs the batches with at most <paramref name="parallelism"/> in flight, handing each result over as it arrives.</summary>
    private static async Task FanOutAsync<T>(
        TaskOrchestrationContext context, string activity, IReadOnlyList<BatchRequest> batches, int parallelism, Action<T> add)
    {
        var running = new List<Task<T>>();
        foreach (var batch in batches)
        {
            if (running.Count >= parallelism)
            {
                var finished = await Task.WhenAny(running);
                running.Remove(finished);
                add(await finished);
            }
            running.Add(context.CallActivityAsync<T>(activity, batch, Retry));
        }
        foreach (var counts in await Task.WhenAll(running))
        {
            add(counts);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Phase} phase done, {Count} businesses")]
    private static partial void LogPhaseDone(ILogger logger, string runId, RunPhase phase, int count);
}
