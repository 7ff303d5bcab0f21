using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Cosmos;

namespace MultiPhone.Services;

public static class ServicesRegistration
{
    public static IServiceCollection AddServices(this IServiceCollection services) => services
        .AddCosmosContainer(ServiceStore.ServicesDefinition)
        .AddCosmosContainer(ServiceStore.SelectionsDefinition)
        .AddSingleton<ServiceStore>()
        .AddSingleton<ServiceCatalog>()
        .AddSingleton<SwitchedOffServices>();
}
