using MultiPhone.Realtime;

namespace MultiPhone.History;

public static class HistoryRegistration
{
    /// <summary>
    /// Revisions for every write of the containers that keep history (<c>ContainerDefinition.KeepsHistory</c>), the
    /// history read over them, their realtime messages and the cap on their number. The business feature provides
    /// the retention.
    /// </summary>
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<RevisionIds>()
            .AddSingleton<Revisions>()
            .AddSingleton<HistoryStore>()
            .AddSingleton<HistoryService>()
            .AddSingleton<IChangeRoute, HistoryChangeRoute>()
            .AddSingleton<IChangeRoute, HistoryCapRoute>();
    }
}
