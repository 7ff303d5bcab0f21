using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.ScheduledChanges;

/// <summary>Scheduled changes, in their business's partition.</summary>
public sealed class ScheduledChangeStore(Database database)
{
    public static readonly ContainerDefinition Definition = new("scheduledChanges", "/businessId");

    private readonly Container _container = database.GetContainer(Definition.Name);

    public Task<Stored<ScheduledChange>?> GetAsync(string businessId, string id, CancellationToken ct) =>
        _container.ReadAsync<ScheduledChange>(id, new PartitionKey(businessId), ct);

    public async Task<List<Stored<ScheduledChange>>> ListAsync(string businessId, CancellationToken ct) =>
        await _container.QueryPartitionAsync<ScheduledChange>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    /// <summary>The business's changes still to apply, for previews (a business has few; they are filtered here).</summary>
    public async Task<List<ScheduledChange>> ListPendingAsync(string businessId, CancellationToken ct) =>
        [.. (await ListAsync(businessId, ct)).Select(stored => stored.Item).Where(change => change.Status == ScheduleStatus.Pending)];

    public Task<Write<ScheduledChange>> CreateAsync(ScheduledChange change, CancellationToken ct) =>
        _container.CreateAsync(change, new PartitionKey(change.BusinessId), ct);

    public Task<Write<ScheduledChange>> ReplaceAsync(ScheduledChange change, string etag, CancellationToken ct) =>
        _container.ReplaceAsync(change, change.Id, new PartitionKey(change.BusinessId), etag, ct);
}
