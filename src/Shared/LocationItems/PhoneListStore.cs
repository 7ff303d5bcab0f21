using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.LocationItems;

/// <summary>Cosmos access for one kind of per-phone list, partitioned by business, the phone's id as the document's.</summary>
public sealed class PhoneListStore<TList>(Container container) where TList : PhoneList
{
    public Task<Stored<TList>?> GetAsync(string businessId, string phoneId, CancellationToken ct) =>
        container.ReadAsync<TList>(phoneId, new PartitionKey(businessId), ct);

    /// <summary>Every phone's list in the business.</summary>
    public Task<List<Stored<TList>>> ListAsync(string businessId, CancellationToken ct) =>
        container.QueryPartitionAsync<TList>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    /// <summary>
    /// Writes <paramref name="list"/> in place of <paramref name="current"/>: creates the phone's first list, replaces
    /// one under its ETag. Not done when another request wrote first (a create conflicts, a replace is stale).
    /// </summary>
    public Task<Write<TList>> WriteAsync(TList list, Stored<TList>? current, CancellationToken ct) =>
        current is null
            ? container.CreateAsync(list, new PartitionKey(list.BusinessId), ct)
            : container.ReplaceAsync(list, list.Id, new PartitionKey(list.BusinessId), current.ETag, ct);

    public Task DeleteAsync(string businessId, string phoneId, CancellationToken ct) =>
        container.DeleteAsync(phoneId, new PartitionKey(businessId), ifMatch: null, ct);
}
