using System.Text.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.Migration;
using MultiPhone.Services;

namespace MultiPhone.DevData;

/// <summary>
/// Writes generated legacy businesses where the legacy app kept them: the business documents, the call routing and
/// the business-wide services. The ones generated as "already migrated" are then migrated by an earlier run's id,
/// with the migration's own code, so they are exactly what a real earlier run leaves. Writing again is harmless.
/// </summary>
public sealed class LegacyDataSeeder(LegacyStore legacy, LegacyMigrator migrator, Database database)
{
    public const string EarlierRunId = "earlier-run";

    private readonly Container _services = database.GetContainer(ServiceStore.ServicesDefinition.Name);

    /// <summary>Writes businesses <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of the seed.</summary>
    public async Task<IReadOnlyDictionary<LegacyKind, int>> SeedAsync(int seed, int first, int count, int concurrency, CancellationToken ct)
    {
        var kinds = new LegacyKind[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, token) =>
        {
            var business = LegacyDataGenerator.Generate(seed, first + i, first + count);
            kinds[i] = business.Kind;
            await legacy.UpsertBusinessAsync(business.Id, business.Document, token);
            if (business.Route is { } route)
            {
                await legacy.UpsertRouteAsync(route, token);
            }
            foreach (var service in business.Services)
            {
                using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(service, CosmosJson.Options));
                using var response = await _services.UpsertItemStreamAsync(content, new PartitionKey(service.BusinessId), cancellationToken: token);
                response.EnsureSuccessStatusCode();
            }
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, count).Where(i => kinds[i] == LegacyKind.AlreadyMigrated), options, async (i, token) =>
        {
            var outcome = await migrator.MigrateAsync(LegacyDataGenerator.IdOf(seed, first + i), EarlierRunId, dryRun: false, token);
            if (outcome.Kind is not (MigrationOutcomeKind.Migrated or MigrationOutcomeKind.AlreadyMigrated))
            {
                throw new InvalidOperationException($"A business generated as already migrated could not be migrated: {outcome}");
            }
        });
        return kinds.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
    }
}
