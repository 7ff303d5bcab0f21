using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.Idempotency;

public sealed class IdempotencyStore(Database database)
{
    public static readonly ContainerDefinition Definition = new("idempotency", "/businessId") { PerItemTtl = true };

    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>An in-progress record older than this belongs to a request that died; a retry may take it over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    private readonly Container _container = database.GetContainer(Definition.Name);

    public Task<Stored<IdempotencyRecord>?> GetAsync(string businessId, string id, CancellationToken ct) =>
        _container.ReadAsync<IdempotencyRecord>(id, new PartitionKey(businessId), ct);

    public Task<Write<IdempotencyRecord>> CreateAsync(IdempotencyRecord record, CancellationToken ct) =>
        _container.CreateAsync(record, new PartitionKey(record.BusinessId), ct);

    public Task<Write<IdempotencyRecord>> ReplaceAsync(IdempotencyRecord record, string ifMatch, CancellationToken ct) =>
        _container.ReplaceAsync(record, record.Id, new PartitionKey(record.BusinessId), ifMatch, ct);

    public Task<WriteStatus> DeleteAsync(IdempotencyRecord record, string ifMatch, CancellationToken ct) =>
        _container.DeleteAsync(record.Id, new PartitionKey(record.BusinessId), ifMatch, ct);
}

public static class IdempotencyRegistration
{
    public static IServiceCollection AddIdempotency(this IServiceCollection services) => services
        .AddCosmosContainer(IdempotencyStore.Definition)
        .AddSingleton<IdempotencyStore>();
}
