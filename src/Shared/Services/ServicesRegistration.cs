using MultiPhone.LocationItems;
using MultiPhone.Realtime;

namespace MultiPhone.Services;

public static class ServicesRegistration
{
    public static IServiceCollection AddServices(this IServiceCollection services) => services
        .AddLocationItems<ServiceStore, ServiceCatalog, SwitchedOffServices>(ServiceStore.ServicesDefinition, ServiceStore.SelectionsDefinition)
        .AddSingleton<IChangeRoute, ServiceChangeRoute>()
        .AddSingleton<IChangeRoute, SelectionChangeRoute>();
}
