using MultiPhone.Businesses;
using MultiPhone.Cosmos;

namespace MultiPhone.LocationItems;

/// <summary>
/// What every catalog of business-wide items does the same way. A new item is <see cref="Blank"/> with the input
/// applied, under a fresh id at version 1; a change applies the input to the current item. Changes and removals go
/// under If-Match against the item's version, and answer 404 for an item gone meanwhile and 412 for one changed.
/// </summary>
public abstract class ItemCatalog<TItem>(BusinessStore businesses, CatalogStore<TItem> items, TimeProvider time)
    where TItem : CatalogItem
{
    /// <summary>A new item before its input applies: it holds the values an input that leaves them out gets.</summary>
    protected abstract TItem Blank { get; }

    protected abstract Problem NotFound(string itemId);

    protected abstract Problem Stale();

    protected TimeProvider Time => time;

    protected async Task<Result<Stored<Business>>> FindBusinessAsync(string businessId, CancellationToken ct) =>
        await businesses.GetAsync(businessId, ct) is { } business ? business : BusinessService.NotFound(businessId);

    /// <summary>The business's items that meet <paramref name="condition"/> (all when null), by name then id.</summary>
    protected async Task<Result<IReadOnlyList<TItem>>> ListAsync(string businessId, string? condition, CancellationToken ct)
    {
        var business = await FindBusinessAsync(businessId, ct);
        return business.IsOk ? ByName((await items.QueryAsync(businessId, condition, ct)).Select(s => s.Item)) : business.Problem;
    }

    protected async Task<TItem> CreateAsync(string businessId, Func<TItem, TItem> apply, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var item = (TItem)(apply(Blank) with { Id = Guid.NewGuid().ToString(), BusinessId = businessId, Version = 1, CreatedAt = now, UpdatedAt = now });
        var created = await items.CreateAsync(item, ct);
        return created.Stored?.Item ?? throw new InvalidOperationException($"A new {typeof(TItem).Name} id {item.Id} collided with an existing one.");
    }

    /// <summary>The item as found, when <paramref name="ifMatch"/> names its current version.</summary>
    protected Result<Stored<TItem>> Current(Stored<TItem>? found, string itemId, string ifMatch) =>
        found is null ? NotFound(itemId)
        : ETags.Matches(ifMatch, found.Item.ETag) ? found
        : Stale();

    protected async Task<Result<TItem>> ReplaceAsync(Stored<TItem> current, Func<TItem, TItem> apply, CancellationToken ct)
    {
        var updated = (TItem)(apply(current.Item) with { Version = current.Item.Version + 1, UpdatedAt = time.GetUtcNow() });
        var replaced = await items.ReplaceAsync(updated, current, ct);
        return replaced.Done ? updated : Failed(replaced.Status, current.Item.Id);
    }

    protected async Task<Result<bool>> RemoveAsync(Stored<TItem> current, CancellationToken ct)
    {
        var removed = await items.RemoveAsync(current, time.GetUtcNow(), ct);
        return removed == WriteStatus.Done ? true : Failed(removed, current.Item.Id);
    }

    protected static List<TItem> ByName(IEnumerable<TItem> found) => found
        .OrderBy(item => item.Name, StringComparer.InvariantCultureIgnoreCase)
        .ThenBy(item => item.Id, StringComparer.Ordinal)
        .ToList();

    private Problem Failed(WriteStatus status, string itemId) => status == WriteStatus.Missing ? NotFound(itemId) : Stale();
}
