using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MultiPhone.Functions.Hosting;
using MultiPhone.Migration;

namespace MultiPhone.Functions.Migration;

// Each activity's [Function] method is its trigger under Durable Functions and its name standalone (Hosting/DurableTasks.cs).

/// <summary>One page of business ids in storage order. Runs again after a crash with the same answer (it only reads).</summary>
public sealed class ReadBusinessPageActivity(LegacyStore store) : TaskActivity<PageRequest, BusinessIdPage>
{
    public const string Name = "ReadBusinessPage";

    [Function(Name)]
    public Task<BusinessIdPage> Trigger([ActivityTrigger] PageRequest input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    public override Task<BusinessIdPage> RunAsync(TaskActivityContext context, PageRequest input) =>
        store.PageAsync(input.Continuation, input.PageSize, CancellationToken.None);
}

/// <summary>
/// Counts businesses for the run's percentage and ETA, a slice at a time: pages until a few seconds have passed, then
/// says where it stopped. Every activity ends well within the queue's visibility timeout, because the standalone
/// sidecar never extends it: an activity still running after it would be handed out a second time.
/// </summary>
public sealed class CountBusinessesActivity(LegacyStore store, TimeProvider time) : TaskActivity<PageRequest, CountSlice>
{
    public const string Name = "CountBusinesses";

    [Function(Name)]
    public Task<CountSlice> Trigger([ActivityTrigger] PageRequest input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(5);

    public override async Task<CountSlice> RunAsync(TaskActivityContext context, PageRequest input)
    {
        var started = time.GetTimestamp();
        var count = 0;
        var continuation = input.Continuation;
        do
        {
            var page = await store.PageAsync(continuation, input.PageSize, CancellationToken.None);
            count += page.Ids.Count;
            continuation = page.Continuation;
        }
        while (continuation is not null && time.GetElapsedTime(started) < Slice);
        return new CountSlice(count, continuation);
    }
}

/// <summary>
/// Migrates a batch of businesses (<see cref="LegacyMigrator.MigrateManyAsync"/>) and reports the ones it did not
/// migrate. It may run again after a crash: every step of <see cref="LegacyMigrator"/> and every report write is idempotent.
/// </summary>
public sealed class MigrateBatchActivity(LegacyMigrator migrator, MigrationReportStore reports) : TaskActivity<BatchRequest, MigrationCounts>
{
    public const string Name = "MigrateBusinesses";

    [Function(Name)]
    public Task<MigrationCounts> Trigger([ActivityTrigger] BatchRequest input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    public override async Task<MigrationCounts> RunAsync(TaskActivityContext context, BatchRequest input)
    {
        var outcomes = await migrator.MigrateManyAsync(input.BusinessIds, input.RunId, input.DryRun, CancellationToken.None);
        await reports.SaveAllAsync(input.RunId, [.. outcomes.Where(o => o.Kind is not (MigrationOutcomeKind.Migrated or MigrationOutcomeKind.AlreadyMigrated))
            .Select(outcome => new ReportEntry
            {
                Id = outcome.BusinessId,
                RunId = input.RunId,
                Outcome = outcome.Kind.ToString(),
                Reason = outcome.Reason,
                PhoneNumber = outcome.PhoneNumber,
            })], CancellationToken.None);
        return MigrationCounts.Of(outcomes);
    }
}

/// <summary>Verifies a batch of businesses and reports the ones that fail.</summary>
public sealed class VerifyBatchActivity(LegacyVerifier verifier, MigrationReportStore reports) : TaskActivity<BatchRequest, VerificationCounts>
{
    public const string Name = "VerifyBusinesses";

    [Function(Name)]
    public Task<VerificationCounts> Trigger([ActivityTrigger] BatchRequest input, string instanceId) => RunAsync(new FunctionActivityContext(Name, instanceId), input);

    public override async Task<VerificationCounts> RunAsync(TaskActivityContext context, BatchRequest input)
    {
        var outcomes = await BatchWork.RunAsync(input.BusinessIds, (id, ct) => verifier.VerifyAsync(id, ct));
        await reports.SaveAllAsync(input.RunId, [.. outcomes.Where(o => o.Kind == VerificationOutcomeKind.Failed)
            .Select(outcome => new ReportEntry
            {
                Id = outcome.BusinessId,
                RunId = input.RunId,
                Outcome = "VerificationFailed",
                Reason = outcome.Reason,
            })], CancellationToken.None);
        return VerificationCounts.Of(outcomes);
    }
}
