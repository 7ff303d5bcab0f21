using MultiPhone.LocationItems;
using MultiPhone.Realtime;

namespace MultiPhone.Services;

public static class ServicesRegistration
{
    public static IServiceCollection AddServices(this IServiceCollection services) => services
        .AddLocationItems<ServiceStore, ServiceCatalog, SwitchedOffServices, PhoneServiceSelection>(ServiceStore.ServicesDefinition, ServiceStore.SelectionsDefinition, "services")
        .AddSingleton<IChangeRoute, ServiceChangeRoute>();
}
