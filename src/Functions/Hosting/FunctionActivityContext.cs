using Microsoft.DurableTask;

namespace MultiPhone.Functions.Hosting;

/// <summary>What an activity's trigger passes to the same <see cref="TaskActivity{TInput,TOutput}.RunAsync"/> the standalone worker calls.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
