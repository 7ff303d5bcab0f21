using MultiPhone.Realtime;

namespace MultiPhone.AgentConfig;

public static class AgentConfigRegistration
{
    public static IServiceCollection AddAgentConfig(this IServiceCollection services)
    {
        services.AddOptions<AgentConfigOptions>().BindConfiguration(AgentConfigOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<AgentConfigSource>().AddSingleton<AgentConfigCache>().AddSingleton<AgentConfigInvalidation>()
            .AddSingleton<IChangeObserver>(sp => sp.GetRequiredService<AgentConfigInvalidation>());
    }
}
