using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MultiPhone.Functions.Hosting;
using MultiPhone.ScheduledChanges;

namespace MultiPhone.Functions.ScheduledChanges;

/// <summary>Which change, and which version of it, an orchestration applies (ids, not data: the change is read when due).</summary>
public sealed record ScheduleRun(string BusinessId, string ChangeId, long Version);

/// <summary>One instant of a change's orchestration: apply what is due by <c>Due</c> (or by now, when later).</summary>
public sealed record ScheduleStep(string BusinessId, string ChangeId, long Version, DateTimeOffset Due);

/// <summary>
/// Applies one version of a scheduled change at its times: reads them (an activity), waits on a Durable timer for each
/// distinct instant, and applies what is due then (an activity). A reschedule starts a new orchestration for the new
/// version; this one then finds nothing to do, as it does for a cancelled change, since every activity reads the
/// change again. The timers are durable: after a restart a timer already past fires at once, and the change
/// applies late, saying how late in its revision. The same class under Durable Functions and standalone
/// (Hosting/DurableTasks.cs); deterministic (only its input, activity results and the orchestration clock).
/// </summary>
public sealed class ScheduledChangeOrchestrator : TaskOrchestrator<ScheduleRun, ScheduleStatus?>
{
    public const string Name = "ScheduledChange";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    [Function(Name)]
    public Task<ScheduleStatus?> Trigger([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync(context, context.GetInput<ScheduleRun>()!);

    public override async Task<ScheduleStatus?> RunAsync(TaskOrchestrationContext context, ScheduleRun run)
    {
        var dueTimes = await context.CallActivityAsync<IReadOnlyList<DateTimeOffset>>(ScheduleDueTimesActivity.Name, run, Retry);
        ScheduleStatus? status = null;
        foreach (var due in dueTimes)
        {
            if (due.UtcDateTime > context.CurrentUtcDateTime)
            {
                await context.CreateTimer(due.UtcDateTime, CancellationToken.None);
            }
            status = await context.CallActivityAsync<ScheduleStatus?>(ApplyScheduledChangeActivity.Name, new ScheduleStep(run.BusinessId, run.ChangeId, run.Version, due), Retry);
            if (status is not ScheduleStatus.Pending)
            {
                break;
            }
        }
        return status;
    }
}

/// <summary>The instants the change still waits for. Reads only, so a run again after a crash answers the same.</summary>
public sealed class ScheduleDueTimesActivity(ScheduleApplier applier) : TaskActivity<ScheduleRun, IReadOnlyList<DateTimeOffset>>
{
    public const string Name = "ScheduleDueTimes";

    [Function(Name)]
    public Task<IReadOnlyList<DateTimeOffset>> Trigger([ActivityTrigger] ScheduleRun input, string instanceId) =>
        RunAsync(new FunctionActivityContext(Name, instanceId), input);

    public override Task<IReadOnlyList<DateTimeOffset>> RunAsync(TaskActivityContext context, ScheduleRun input) =>
        applier.DueTimesAsync(input.BusinessId, input.ChangeId, input.Version, CancellationToken.None);
}

/// <summary>
/// Applies what is due (<see cref="ScheduleApplier.ApplyDueAsync"/>). May run again after a crash: a write it already
/// made is found in the target's history by its stamp and not made twice. Durable timers on Azure Storage may fire up
/// to a second early (a queue message's visibility delay is whole seconds), so it first waits out what is left.
/// </summary>
public sealed class ApplyScheduledChangeActivity(ScheduleApplier applier, TimeProvider time) : TaskActivity<ScheduleStep, ScheduleStatus?>
{
    public const string Name = "ApplyScheduledChange";

    [Function(Name)]
    public Task<ScheduleStatus?> Trigger([ActivityTrigger] ScheduleStep input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    private static readonly TimeSpan MostEarly = TimeSpan.FromSeconds(2);

    public override async Task<ScheduleStatus?> RunAsync(TaskActivityContext context, ScheduleStep input)
    {
        if (input.Due - time.GetUtcNow() is { Ticks: > 0 } early)
        {
            await Task.Delay(early < MostEarly ? early : MostEarly, time, CancellationToken.None);
        }
        return await applier.ApplyDueAsync(input.BusinessId, input.ChangeId, input.Version, input.Due, CancellationToken.None);
    }
}
