using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;

namespace MultiPhone.Settings;

public static class SettingsRegistration
{
    public static IServiceCollection AddSettings(this IServiceCollection services) => services
        .AddCosmosContainer(SettingsStore.Definition)
        .AddSingleton<SettingsStore>()
        .AddSingleton<IPhoneScopedData>(sp => sp.GetRequiredService<SettingsStore>())
        .AddSingleton<SettingsService>()
        .AddSingleton<ISettingsLayersSource, CosmosSettingsLayers>()
        .AddSingleton<IChangeRoute, SettingsChangeRoute>()
        .AddSingleton<IChangeRoute, PhoneTimeZoneChangeRoute>();
}
