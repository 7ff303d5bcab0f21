using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiPhone.Cosmos;
using MultiPhone.Hours;
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
        .AddSingleton<IChangeRoute, PhoneTimeZoneChangeRoute>()
        .AddBuiltInSections();

    /// <summary>The four sections every phone has.</summary>
    public static IServiceCollection AddBuiltInSections(this IServiceCollection services) => services
        .AddSettingsSection<VoiceSettings>(ChannelKind.PhoneVoice)
        .AddSettingsSection<ConversationRules>()
        .AddSettingsSection<OperatingHours>(ChannelKind.PhoneHours)
        .AddSettingsSection<SmsSettings>();

    /// <summary>
    /// Registers a settings section: it gets its routes (phone, defaults, v1), a name in the OpenAPI document's
    /// section enum, a place in every phone's agent configuration and realtime messages on <c>phone:{phoneId}:settings</c>
    /// (and on <paramref name="liveChannel"/>, when given), and new phones copy its defaults.
    /// </summary>
    public static IServiceCollection AddSettingsSection<T>(this IServiceCollection services, ChannelKind? liveChannel = null)
        where T : class, ISettingsSection<T>
    {
        services.TryAddSingleton<SettingsSections>();
        return services.AddSingleton<SettingsSection>(new SettingsSection<T> { LiveChannel = liveChannel });
    }
}
