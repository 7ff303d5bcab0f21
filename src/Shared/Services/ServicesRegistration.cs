using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;

namespace MultiPhone.Services;

public static class ServicesRegistration
{
    public static IServiceCollection AddServices(this IServiceCollection services) => services
        .AddCosmosContainer(ServiceStore.ServicesDefinition)
        .AddCosmosContainer(ServiceStore.SelectionsDefinition)
        .AddSingleton<ServiceStore>()
        .AddSingleton<IPhoneScopedData>(sp => sp.GetRequiredService<ServiceStore>())
        .AddSingleton<ServiceCatalog>()
        .AddSingleton<SwitchedOffServices>()
        .AddSingleton<IChangeRoute, ServiceChangeRoute>()
        .AddSingleton<IChangeRoute, SelectionChangeRoute>();
}
