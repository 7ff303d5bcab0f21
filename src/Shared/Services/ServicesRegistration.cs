using Microsoft.Extensions.DependencyInjection;
using MultiPhone.LocationItems;

namespace MultiPhone.Services;

public static class ServicesRegistration
{
    public static IServiceCollection AddServices(this IServiceCollection services) =>
        services.AddLocationItems<ServiceStore, ServiceCatalog, SwitchedOffServices>(ServiceStore.ServicesDefinition, ServiceStore.SelectionsDefinition);
}
