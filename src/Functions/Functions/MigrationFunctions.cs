using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MultiPhone.Migration;

namespace MultiPhone.Functions.Functions;

/// <summary>
/// Under the Functions host, Durable Functions runs the legacy migration through these triggers, each of which hands
/// over to the class the standalone worker runs (Migration/LegacyPhonesOrchestrator.cs and MigrationActivities.cs): the
/// same code both ways. They are what Microsoft.DurableTask.Generators writes for class-based tasks, by hand, because
/// that package is not served here.
/// </summary>
public static class MigrationFunctions
{
    [Function(LegacyPhonesOrchestrator.Name)]
    public static Task<RunSummary?> LegacyPhonesMigration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new LegacyPhonesOrchestrator().RunAsync(context, context.GetInput<RunState>()!);

    [Function(CountBusinessesActivity.Name)]
    public static Task<CountSlice> CountBusinesses([ActivityTrigger] PageRequest input, string instanceId, FunctionContext function) =>
        RunAsync<CountBusinessesActivity, PageRequest, CountSlice>(function, CountBusinessesActivity.Name, instanceId, input);

    [Function(ReadBusinessPageActivity.Name)]
    public static Task<BusinessIdPage> ReadBusinessPage([ActivityTrigger] PageRequest input, string instanceId, FunctionContext function) =>
        RunAsync<ReadBusinessPageActivity, PageRequest, BusinessIdPage>(function, ReadBusinessPageActivity.Name, instanceId, input);

    [Function(MigrateBatchActivity.Name)]
    public static Task<MigrationCounts> MigrateBusinesses([ActivityTrigger] BatchRequest input, string instanceId, FunctionContext function) =>
        RunAsync<MigrateBatchActivity, BatchRequest, MigrationCounts>(function, MigrateBatchActivity.Name, instanceId, input);

    [Function(VerifyBatchActivity.Name)]
    public static Task<VerificationCounts> VerifyBusinesses([ActivityTrigger] BatchRequest input, string instanceId, FunctionContext function) =>
        RunAsync<VerifyBatchActivity, BatchRequest, VerificationCounts>(function, VerifyBatchActivity.Name, instanceId, input);

    private static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext function, string name, string instanceId, TInput input)
        where TActivity : TaskActivity<TInput, TOutput> =>
        function.InstanceServices.GetRequiredService<TActivity>().RunAsync(new FunctionActivityContext(name, instanceId), input);

    private sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
