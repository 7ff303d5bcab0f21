using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.LocationItems;

/// <summary>Cosmos access for one kind of business-wide item, partitioned by business; every write with its revision.</summary>
public sealed class CatalogStore<TItem>(Container container, TargetKind kind, Revisions revisions) where TItem : CatalogItem
{
    /// <summary>
    /// Null for anything but an id this store issues (a GUID): such an id names nothing, and some (a blank, a backslash)
    /// are not valid Cosmos ids, which Cosmos answers with an error instead of 404.
    /// </summary>
    public async Task<Stored<TItem>?> GetAsync(string businessId, string itemId, CancellationToken ct) =>
        Guid.TryParseExact(itemId, "D", out _) ? await container.ReadAsync<TItem>(itemId, new PartitionKey(businessId), ct) : null;

    /// <summary>The business's items that meet <paramref name="condition"/>, Cosmos SQL on <c>c</c>; all of them when null.</summary>
    public Task<List<Stored<TItem>>> QueryAsync(
        string businessId, string? condition, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND {Revision.NotARevision}" + (condition is null ? "" : $" AND {condition}"))
            .WithParameter("@businessId", businessId);
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }
        return container.QueryPartitionAsync<TItem>(query, new PartitionKey(businessId), ct);
    }

    /// <summary>The items among <paramref name="itemIds"/> that meet <paramref name="condition"/>; ids of anything else are simply not found.</summary>
    public async Task<List<TItem>> FindAsync(string businessId, IReadOnlyCollection<string> itemIds, string? condition, CancellationToken ct)
    {
        if (itemIds.Count == 0)
        {
            return [];
        }
        const string Listed = "ARRAY_CONTAINS(@ids, c.id)";
        var found = await QueryAsync(businessId, condition is null ? Listed : $"{condition} AND {Listed}", ct, ("@ids", itemIds));
        return [.. found.Select(s => s.Item)];
    }

    public async Task<Write<TItem>> CreateAsync(TItem item, CancellationToken ct) =>
        await container.CreateAsync(item, new PartitionKey(item.BusinessId), await RevisionAsync(null, item, ct), ct);

    public async Task<Write<TItem>> ReplaceAsync(TItem item, Stored<TItem> current, CancellationToken ct) =>
        await container.ReplaceAsync(item, item.Id, new PartitionKey(item.BusinessId), current.ETag, await RevisionAsync(current.Item, item, ct), ct);

    /// <summary>Marks the item removed; it stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public async Task<WriteStatus> RemoveAsync(Stored<TItem> current, DateTimeOffset now, CancellationToken ct) =>
        await container.RemoveAsync(current.Item, current.Item.Id, new PartitionKey(current.Item.BusinessId), current.ETag, now, await RevisionAsync(current.Item, null, ct), ct);

    public Task<WriteStatus> DeleteAsync(TItem item, CancellationToken ct) =>
        container.DeleteAsync(item.Id, new PartitionKey(item.BusinessId), ifMatch: null, ct);

    private Task<Revision> RevisionAsync(TItem? before, TItem? after, CancellationToken ct)
    {
        var item = after ?? before!;
        return revisions.ForAsync(new RevisionDraft(item.BusinessId, container.Id, item.Id, new RevisionTarget(kind, item.OwnerPhoneId, ItemId: item.Id),
            before is null ? null : Revisions.Content(before), after is null ? null : Revisions.Content(after)), ct);
    }
}
