using MultiPhone.Cosmos;
using MultiPhone.Realtime;

namespace MultiPhone.ScheduledChanges;

public static class ScheduledChangesRegistration
{
    /// <summary>Scheduled changes: their store, scheduling, applying (called by their orchestration), previews and realtime messages.</summary>
    public static IServiceCollection AddScheduledChanges(this IServiceCollection services) => services
        .AddCosmosContainer(ScheduledChangeStore.Definition)
        .AddSingleton<ScheduledChangeStore>()
        .AddSingleton<ScheduledChangeService>()
        .AddSingleton<ScheduleApplier>()
        .AddSingleton<SchedulePreview>()
        .AddSingleton<IChangeRoute, ScheduledChangeRoute>();
}
