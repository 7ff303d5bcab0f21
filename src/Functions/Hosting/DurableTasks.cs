using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MultiPhone.Functions.Hosting;

/// <summary>
/// The orchestrators and activities of the app, found where Durable Functions finds them: a class that is a
/// <see cref="ITaskOrchestrator"/> or <see cref="ITaskActivity"/> and declares its own trigger, a [Function] method
/// with an [OrchestrationTrigger] or [ActivityTrigger] parameter. The Functions SDK writes that trigger into
/// functions.metadata at build time; the standalone worker registers the same class under the same name from here,
/// so adding an activity is adding its class.
/// </summary>
public static class DurableTasks
{
    public sealed record Declaration(string Name, Type Type, bool IsOrchestrator);

    public static IReadOnlyList<Declaration> In(Assembly assembly) =>
    [
        .. from type in assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           let parameters = method.GetParameters()
           let orchestrator = parameters.Any(p => p.IsDefined(typeof(OrchestrationTriggerAttribute)))
           where orchestrator || parameters.Any(p => p.IsDefined(typeof(ActivityTriggerAttribute)))
           orderby function.Name
           select new Declaration(function.Name, type, orchestrator),
    ];

    /// <summary>Registers every task of <paramref name="assembly"/> (this app's by default) with the standalone worker.</summary>
    public static DurableTaskRegistry AddFunctionTasks(this DurableTaskRegistry registry, Assembly? assembly = null)
    {
        foreach (var task in In(assembly ?? typeof(DurableTasks).Assembly))
        {
            _ = task.IsOrchestrator ? registry.AddOrchestrator(task.Name, task.Type) : registry.AddActivity(task.Name, task.Type);
        }
        return registry;
    }
}
