using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
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
        .AddSingleton<LazyMigration>()
        .AddSingleton<LegacyDataSeeder>()
        // Durable Functions' triggers resolve the activities from here; the standalone worker does the same.
        .AddTransient<ReadBusinessPageActivity>()
        .AddTransient<CountBusinessesActivity>()
        .AddTransient<MigrateBatchActivity>()
        .AddTransient<VerifyBatchActivity>();

    /// <summary>The orchestrator and activities under the names Durable knows them by.</summary>
    public static DurableTaskRegistry AddLegacyMigrationTasks(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<LegacyPhonesOrchestrator>(LegacyPhonesOrchestrator.Name)
        .AddActivity<ReadBusinessPageActivity>(ReadBusinessPageActivity.Name)
        .AddActivity<CountBusinessesActivity>(CountBusinessesActivity.Name)
        .AddActivity<MigrateBatchActivity>(MigrateBatchActivity.Name)
        .AddActivity<VerifyBatchActivity>(VerifyBatchActivity.Name);
}
