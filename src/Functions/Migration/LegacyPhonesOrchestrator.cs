using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MultiPhone.Migration;

namespace MultiPhone.Functions.Migration;

/// <summary>
/// The legacy phone migration as a Durable orchestration, the same class under Durable Functions and standalone.
/// One execution handles one page of businesses: it reads the page's ids (activities: a first wave, then the rest while
/// that wave runs), fans them out in batches to activities, at most <see cref="RunOptions.MaxParallelism"/> at a time,
/// adds up their counts into the custom status as each finishes, and continues as new with the cursor moved on, so its
/// history never outgrows a page. After the last page it verifies every business the same way when asked, and returns
/// the counts.
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
        var pageStart = state.Position;
        var pageDone = false;
        void Report(RunState next)
        {
            state = next;
            context.SetCustomStatus(RunProgress.Of(state, context.CurrentUtcDateTime));
        }
        // Counted alongside the page's batches, slice after slice until the count or the page is done: the count costs
        // the run no time of its own. It starts where the run's first page ends, whose own read has counted every
        // business before that (all of them, when one page holds them).
        var counting = Task.CompletedTask;
        void CountFrom(string continuation) => counting = CountWhileAsync(
            context, continuation, Math.Min(options.PageSize, LegacyStore.ReadChunk), slice => Report(Counted(state, slice)), () => pageDone);
        if (state.Total is null && state.CountContinuation is { } counted)
        {
            CountFrom(counted);
        }
        string? continuation = null;
        void PageRead(int ids, string? end)
        {
            continuation = end;
            if (state.Total is null && state.CountContinuation is null)
            {
                Report(end is null ? state with { Total = pageStart + ids } : state with { Counted = pageStart + ids, CountContinuation = end });
                if (end is not null)
                {
                    CountFrom(end);
                }
            }
        }
        var (ids, moreIds) = await ReadPageAsync(context, state, PageRead);
        if (state.Phase == RunPhase.Migrate)
        {
            await FanOutAsync<MigrationCounts>(context, MigrateBatchActivity.Name, options, ids, moreIds, counts =>
                Report(state with { Migration = state.Migration + counts, Position = state.Position + counts.Scanned }));
        }
        else
        {
            await FanOutAsync<VerificationCounts>(context, VerifyBatchActivity.Name, options, ids, moreIds, counts =>
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

    /// <summary>
    /// The page's ids in two reads: first enough for a wave of batches (one request to the container), which start on
    /// them, then the rest of the page, read while they run. Read at once, the page (20 requests of whole business
    /// documents) kept every batch waiting 3-6 s at the start of each page. <paramref name="read"/> hears how many ids
    /// the page has and where the next one starts, once the page is read. The given businesses need no read.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Ids, Task<IReadOnlyList<string>>? MoreIds)> ReadPageAsync(
        TaskOrchestrationContext context, RunState state, Action<int, string?> read)
    {
        var options = state.Options;
        if (options.BusinessIds is { } chosen)
        {
            return ([.. chosen.Skip(state.Position).Take(options.PageSize)], null);
        }
        var firstSize = Math.Min(Math.Min(options.PageSize, LegacyStore.ReadChunk), options.BatchSize * options.MaxParallelism);
        var first = await context.CallActivityAsync<BusinessIdPage>(ReadBusinessPageActivity.Name, new PageRequest(state.Continuation, firstSize), Retry);
        if (first.Continuation is null || first.Ids.Count >= options.PageSize)
        {
            read(first.Ids.Count, first.Continuation);
            return (first.Ids, null);
        }
        return (first.Ids, RestAsync(first.Ids.Count, first.Continuation));

        async Task<IReadOnlyList<string>> RestAsync(int already, string from)
        {
            var rest = await context.CallActivityAsync<BusinessIdPage>(
                ReadBusinessPageActivity.Name, new PageRequest(from, options.PageSize - already), Retry);
            read(already + rest.Ids.Count, rest.Continuation);
            return rest.Ids;
        }
    }

    /// <summary>
    /// Runs the ids in batches with at most <see cref="RunOptions.MaxParallelism"/> in flight, handing each result over
    /// as it arrives; the ids still being read join the queue when they come.
    /// </summary>
    private static async Task FanOutAsync<T>(
        TaskOrchestrationContext context, string activity, RunOptions options, IReadOnlyList<string> ids, Task<IReadOnlyList<string>>? moreIds, Action<T> add)
    {
        var waiting = new Queue<string[]>(ids.Chunk(options.BatchSize));
        var running = new List<Task<T>>();
        while (waiting.Count > 0 || running.Count > 0 || moreIds is not null)
        {
            while (waiting.Count > 0 && running.Count < options.MaxParallelism)
            {
                running.Add(context.CallActivityAsync<T>(activity, new BatchRequest(context.InstanceId, options.DryRun, waiting.Dequeue()), Retry));
            }
            Task[] pending = moreIds is null ? [.. running] : [.. running, moreIds];
            var finished = await Task.WhenAny(pending);
            if (finished == moreIds)
            {
                foreach (var batch in (await moreIds).Chunk(options.BatchSize))
                {
                    waiting.Enqueue(batch);
                }
                moreIds = null;
            }
            else
            {
                var batchDone = (Task<T>)finished;
                running.Remove(batchDone);
                add(await batchDone);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Phase} phase done, {Count} businesses")]
    private static partial void LogPhaseDone(ILogger logger, string runId, RunPhase phase, int count);
}
