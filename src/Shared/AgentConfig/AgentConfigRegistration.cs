using Microsoft.Extensions.DependencyInjection;

namespace MultiPhone.AgentConfig;

public static class AgentConfigRegistration
{
    public static IServiceCollection AddAgentConfig(this IServiceCollection services)
    {
        services.AddOptions<AgentConfigOptions>().BindConfiguration(AgentConfigOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<AgentConfigSource>().AddSingleton<AgentConfigCache>().AddSingleton<AgentConfigInvalidation>();
    }
}
