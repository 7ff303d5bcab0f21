using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiPhone.Realtime;

namespace MultiPhone.AgentConfig;

public static class AgentConfigRegistration
{
    public static IServiceCollection AddAgentConfig(this IServiceCollection services)
    {
        services.AddOptions<AgentConfigOptions>().BindConfiguration(AgentConfigOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Shared with the change feed's readers (AddRealtime), which publish what the cache may trust.
        services.TryAddSingleton<CacheFeeds>();
        return services.AddSingleton<AgentConfigSource>().AddSingleton<AgentConfigCache>().AddSingleton<AgentConfigInvalidation>()
            .AddSingleton<IChangeObserver>(sp => sp.GetRequiredService<AgentConfigInvalidation>());
    }
}
