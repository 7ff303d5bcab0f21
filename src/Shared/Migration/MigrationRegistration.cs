using MultiPhone.Cosmos;

namespace MultiPhone.Migration;

public static class MigrationRegistration
{
    public static IServiceCollection AddLegacyMigration(this IServiceCollection services) => services
        .AddCosmosContainer(LegacyStore.RoutesDefinition)
        .AddCosmosContainer(MigrationReportStore.Definition)
        .AddSingleton<LegacyStore>()
        .AddSingleton<MigrationReportStore>()
        .AddSingleton<LegacyMigrator>()
        .AddSingleton<LegacyVerifier>()
        .AddSingleton<LazyMigration>();
}
