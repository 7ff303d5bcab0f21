using MultiPhone.Cosmos;
using MultiPhone.Realtime;

namespace MultiPhone.PhoneNumbers;

public static class PhoneNumbersRegistration
{
    public static IServiceCollection AddPhoneNumbers(this IServiceCollection services)
    {
        services.AddOptions<PhoneNumbersOptions>()
            .BindConfiguration(PhoneNumbersOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services
            .AddCosmosContainer(PhoneNumberStore.PhonesDefinition)
            .AddCosmosContainer(PhoneNumberStore.IndexDefinition)
            .AddSingleton<PhoneNumberStore>()
            .AddSingleton<PhoneSlots>()
            .AddSingleton<PhoneNumberService>()
            .AddSingleton<PhoneNumberCreation>()
            .AddSingleton<IReadyPhones, CosmosReadyPhones>()
            .AddSingleton<IChangeRoute, PhoneChangeRoute>();
    }
}
