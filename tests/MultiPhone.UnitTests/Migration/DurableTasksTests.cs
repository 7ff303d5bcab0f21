using Microsoft.DurableTask;
using MultiPhone.Functions.BulkEdits;
using MultiPhone.Functions.Hosting;
using MultiPhone.Functions.Migration;
using MultiPhone.Functions.ScheduledChanges;

namespace MultiPhone.UnitTests.Migration;

/// <summary>
/// An orchestrator or activity is one class that declares its own trigger: the Functions SDK finds it by that trigger,
/// and the standalone worker registers what <see cref="DurableTasks.In"/> finds by the same trigger.
/// </summary>
public sealed class DurableTasksTests
{
    private static readonly System.Reflection.Assembly App = typeof(DurableTasks).Assembly;

    [Fact]
    public void EveryOrchestratorAndActivityOfTheAppDeclaresItsTriggerOnce()
    {
        var classes = App.GetTypes()
            .Where(t => !t.IsAbstract && (typeof(ITaskActivity).IsAssignableFrom(t) || typeof(ITaskOrchestrator).IsAssignableFrom(t)))
            .OrderBy(t => t.FullName)
            .ToList();

        var declared = DurableTasks.In(App);

        Assert.Equal(classes, declared.Select(d => d.Type).OrderBy(t => t.FullName));
        Assert.Equal(declared.Count, declared.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void TheDurableTasksKeepTheNamesTheirRunsAreStoredUnder()
    {
        var declared = DurableTasks.In(App).ToDictionary(d => d.Name, d => (d.Type, d.IsOrchestrator));

        Assert.Equal(
            new Dictionary<string, (Type, bool)>
            {
                ["CountBusinesses"] = (typeof(CountBusinessesActivity), false),
                ["LegacyPhonesMigration"] = (typeof(LegacyPhonesOrchestrator), true),
                ["MigrateBusinesses"] = (typeof(MigrateBatchActivity), false),
                ["ReadBusinessPage"] = (typeof(ReadBusinessPageActivity), false),
                ["VerifyBusinesses"] = (typeof(VerifyBatchActivity), false),
                ["ScheduledChange"] = (typeof(ScheduledChangeOrchestrator), true),
                ["ScheduleDueTimes"] = (typeof(ScheduleDueTimesActivity), false),
                ["ApplyScheduledChange"] = (typeof(ApplyScheduledChangeActivity), false),
                ["BulkEdit"] = (typeof(BulkEditOrchestrator), true),
                ["BulkEditBatches"] = (typeof(BulkEditBatchesActivity), false),
                ["ApplyBulkEditBatch"] = (typeof(ApplyBulkEditBatchActivity), false),
                ["CompleteBulkEdit"] = (typeof(CompleteBulkEditActivity), false),
            },
            declared);
    }

    [Fact]
    public void EachTriggerTakesAndReturnsWhatItsTaskDoes()
    {
        foreach (var task in DurableTasks.In(App))
        {
            var trigger = task.Type.GetMethods().Single(m => m.IsDefined(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false));
            var (input, output) = (BaseOf(task.Type).GetGenericArguments()[0], BaseOf(task.Type).GetGenericArguments()[1]);
            Assert.Equal(typeof(Task<>).MakeGenericType(output), trigger.ReturnType);
            if (!task.IsOrchestrator)
            {
                Assert.Equal(input, trigger.GetParameters()[0].ParameterType);
            }
        }
    }

    private static Type BaseOf(Type type) =>
        type.BaseType is { IsGenericType: true } b && (b.GetGenericTypeDefinition() == typeof(TaskActivity<,>) || b.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>))
            ? b
            : throw new Xunit.Sdk.XunitException($"{type} is neither a TaskActivity<,> nor a TaskOrchestrator<,>");
}
