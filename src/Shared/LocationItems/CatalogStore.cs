using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.LocationItems;

/// <summary>Cosmos access for one kind of business-wide item, partitioned by business.</summary>
public sealed class CatalogStore<TItem>(Container container) where TItem : CatalogItem
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
        var query = new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId" + (condition is null ? "" : $" AND {condition}"))
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

    public Task<Write<TItem>> CreateAsync(TItem item, CancellationToken ct) =>
        container.CreateAsync(item, new PartitionKey(item.BusinessId), ct);

    public Task<Write<TItem>> ReplaceAsync(TItem item, string ifMatch, CancellationToken ct) =>
        container.ReplaceAsync(item, item.Id, new PartitionKey(item.BusinessId), ifMatch, ct);

    /// <summary>Marks the item removed; it stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public Task<WriteStatus> RemoveAsync(TItem item, string ifMatch, DateTimeOffset now, CancellationToken ct) =>
        container.RemoveAsync(item, item.Id, new PartitionKey(item.BusinessId), ifMatch, now, ct);

    public Task<WriteStatus> DeleteAsync(TItem item, CancellationToken ct) =>
        container.DeleteAsync(item.Id, new PartitionKey(item.BusinessId), ifMatch: null, ct);
}
