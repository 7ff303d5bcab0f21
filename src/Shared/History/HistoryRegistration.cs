using MultiPhone.Realtime;

namespace MultiPhone.History;

public static class HistoryRegistration
{
    /// <summary>
    /// Revisions for every write of the containers that keep history (<c>ContainerDefinition.KeepsHistory</c>), the
    /// history read over them, and their realtime messages. The business feature provides the retention.
    /// </summary>
    public static IServiceCollection AddHistory(this IServiceCollection services) => services
        .AddSingleton<RevisionIds>()
        .AddSingleton<Revisions>()
        .AddSingleton<HistoryStore>()
        .AddSingleton<HistoryService>()
        .AddSingleton<IChangeRoute, HistoryChangeRoute>();
}
