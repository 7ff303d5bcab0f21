using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MultiPhone.BulkEdits;
using MultiPhone.Functions.Hosting;

namespace MultiPhone.Functions.BulkEdits;

/// <summary>Which edit an orchestration applies (ids, not data: the edit and its locations are read by the activities).</summary>
public sealed record BulkEditRun(string BusinessId, string EditId);

/// <summary>One batch of an edit's locations.</summary>
public sealed record BulkEditBatchStep(string BusinessId, string EditId, int Index);

/// <summary>How an edit's run ended.</summary>
public sealed record BulkEditEnd(string BusinessId, string EditId, bool Failed);

/// <summary>
/// Applies a bulk edit: its batches of locations as activities, a few at once, then marks it completed (or failed,
/// when a batch failed for good). Each activity stores its batch's items and counts them on the edit, which is the
/// edit's progress. After a crash Durable replays the orchestration and runs again only the activities that had not
/// finished; a batch run again writes no location twice (<see cref="BulkEditApplier"/>). The same class under Durable
/// Functions and standalone (Hosting/DurableTasks.cs); deterministic (only its input and activity results).
/// </summary>
public sealed class BulkEditOrchestrator : TaskOrchestrator<BulkEditRun, bool>
{
    public const string Name = "BulkEdit";

    /// <summary>Batches in flight at once: enough to keep the store busy, few enough to leave room for people's requests.</summary>
    private const int InFlight = 4;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    [Function(Name)]
    public Task<bool> Trigger([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context, context.GetInput<BulkEditRun>()!);

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, BulkEditRun run)
    {
        var failed = false;
        try
        {
            var batches = await context.CallActivityAsync<int>(BulkEditBatchesActivity.Name, run, Retry);
            var running = new List<Task<BulkCounts>>();
            for (var index = 0; index < batches; index++)
            {
                if (running.Count == InFlight)
                {
                    running.Remove(await Task.WhenAny(running));
                }
                running.Add(context.CallActivityAsync<BulkCounts>(ApplyBulkEditBatchActivity.Name, new BulkEditBatchStep(run.BusinessId, run.EditId, index), Retry));
            }
            await Task.WhenAll(running);
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger<BulkEditOrchestrator>().LogBatchFailed(run.EditId, e.Message);
            failed = true;
        }
        await context.CallActivityAsync<bool>(CompleteBulkEditActivity.Name, new BulkEditEnd(run.BusinessId, run.EditId, failed), Retry);
        return !failed;
    }
}

internal static partial class BulkEditLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Bulk edit {EditId} stopped: a batch failed for good: {Error}")]
    public static partial void LogBatchFailed(this ILogger logger, string editId, string error);
}

/// <summary>How many batches the edit has (none when it no longer runs). Reads only.</summary>
public sealed class BulkEditBatchesActivity(BulkEditApplier applier) : TaskActivity<BulkEditRun, int>
{
    public const string Name = "BulkEditBatches";

    [Function(Name)]
    public Task<int> Trigger([ActivityTrigger] BulkEditRun input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    public override Task<int> RunAsync(TaskActivityContext context, BulkEditRun input) =>
        applier.BatchCountAsync(input.BusinessId, input.EditId, CancellationToken.None);
}

/// <summary>Applies one batch of locations (<see cref="BulkEditApplier.ApplyBatchAsync"/>); safe to run again.</summary>
public sealed class ApplyBulkEditBatchActivity(BulkEditApplier applier) : TaskActivity<BulkEditBatchStep, BulkCounts>
{
    public const string Name = "ApplyBulkEditBatch";

    [Function(Name)]
    public Task<BulkCounts> Trigger([ActivityTrigger] BulkEditBatchStep input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    public override Task<BulkCounts> RunAsync(TaskActivityContext context, BulkEditBatchStep input) =>
        applier.ApplyBatchAsync(input.BusinessId, input.EditId, input.Index, CancellationToken.None);
}

/// <summary>Marks the edit completed, or failed.</summary>
public sealed class CompleteBulkEditActivity(BulkEditApplier applier) : TaskActivity<BulkEditEnd, bool>
{
    public const string Name = "CompleteBulkEdit";

    [Function(Name)]
    public Task<bool> Trigger([ActivityTrigger] BulkEditEnd input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    public override async Task<bool> RunAsync(TaskActivityContext context, BulkEditEnd input)
    {
        await applier.CompleteAsync(input.BusinessId, input.EditId, input.Failed, CancellationToken.None);
        return true;
    }
}
