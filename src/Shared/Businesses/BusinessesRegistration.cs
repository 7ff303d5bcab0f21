using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.Realtime;

namespace MultiPhone.Businesses;

public static class BusinessesRegistration
{
    public static IServiceCollection AddBusinesses(this IServiceCollection services) => services
        .AddCosmosContainer(BusinessStore.Definition)
        .AddSingleton<BusinessStore>()
        .AddSingleton<BusinessService>()
        .AddSingleton<IHistoryRetention, BusinessHistoryRetention>()
        .AddSingleton<IChangeRoute, BusinessChangeRoute>();
}
