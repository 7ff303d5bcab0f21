using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.LocationItems;

/// <summary>Cosmos access for one kind of per-phone list, partitioned by business, the phone's id as the document's.</summary>
public sealed class PhoneListStore<TList>(Container container, TargetKind kind, Revisions revisions) where TList : PhoneList
{
    public Task<Stored<TList>?> GetAsync(string businessId, string phoneId, CancellationToken ct) =>
        container.ReadAsync<TList>(phoneId, new PartitionKey(businessId), ct);

    /// <summary>Every phone's list in the business.</summary>
    public Task<List<Stored<TList>>> ListAsync(string businessId, CancellationToken ct) =>
        container.QueryPartitionAsync<TList>(
            new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND {Revision.NotARevision}").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    /// <summary>
    /// Writes <paramref name="list"/> in place of <paramref name="current"/>: creates the phone's first list, replaces
    /// one under its ETag, with its revision. Not done when another request wrote first (a create conflicts, a replace
    /// is stale).
    /// </summary>
    public async Task<Write<TList>> WriteAsync(TList list, Stored<TList>? current, CancellationToken ct)
    {
        var revision = await revisions.ForAsync(new RevisionDraft(list.BusinessId, container.Id, list.Id, new RevisionTarget(kind, list.Id),
            current is null ? null : Revisions.Content(current.Item), Revisions.Content(list)), ct);
        return await container.SaveAsync(list, list.Id, new PartitionKey(list.BusinessId), current?.ETag, revision, ct);
    }

    public Task DeleteAsync(string businessId, string phoneId, CancellationToken ct) =>
        container.DeleteAsync(phoneId, new PartitionKey(businessId), ifMatch: null, ct);
}
