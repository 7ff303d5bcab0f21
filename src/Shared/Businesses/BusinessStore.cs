using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.Businesses;

public sealed class BusinessStore(Database database, Revisions revisions)
{
    public static readonly ContainerDefinition Definition = new("businesses", "/businessId") { KeepsHistory = true };

    private readonly Container _container = database.GetContainer(Definition.Name);

    public Task<Stored<Business>?> GetAsync(string businessId, CancellationToken ct) =>
        _container.ReadAsync<Business>(businessId, new PartitionKey(businessId), ct);

    public async Task<Write<Business>> CreateAsync(Business business, CancellationToken ct) =>
        await _container.CreateAsync(business, new PartitionKey(business.BusinessId), await revisions.ForAsync(Draft(null, business), ct), ct);

    /// <summary>
    /// Replaces the business under If-Match, with a revision when what it records changed: a write of bookkeeping
    /// only (the count of phone slots taken) has none.
    /// </summary>
    public async Task<Write<Business>> ReplaceAsync(Business business, Business current, string ifMatch, CancellationToken ct)
    {
        var draft = Draft(current, business);
        return JsonNode.DeepEquals(draft.Before, draft.After)
            ? await _container.ReplaceAsync(business, business.Id, new PartitionKey(business.BusinessId), ifMatch, ct)
            : await _container.ReplaceAsync(business, business.Id, new PartitionKey(business.BusinessId), ifMatch, await revisions.ForAsync(draft, ct), ct);
    }

    public static RevisionDraft Draft(Business? before, Business after) => new(
        after.BusinessId, Definition.Name, after.Id, new RevisionTarget(TargetKind.Business),
        before is null ? null : Revisions.Content(before), Revisions.Content(after))
    {
        RetentionDays = after.HistoryRetentionDays ?? Business.DefaultHistoryRetentionDays,
    };

    /// <summary>
    /// Applies <paramref name="change"/> to the latest version of the business until the conditional write wins.
    /// A change that returns null means "nothing to do". Returns null when the business does not exist.
    /// </summary>
    public async Task<Stored<Business>?> UpdateAsync(
        string businessId, Func<Business, CancellationToken, Task<Business?>> change, CancellationToken ct)
    {
        while (true)
        {
            var current = await GetAsync(businessId, ct);
            if (current is null)
            {
                return null;
            }
            if (await change(current.Item, ct) is not { } changed)
            {
                return current;
            }
            var write = await ReplaceAsync(changed, current.Item, current.ETag, ct);
            switch (write.Status)
            {
                case WriteStatus.Done:
                    return write.Stored;
                case WriteStatus.Missing:
                    return null;
            }
            // Stale: someone else changed the business in between; apply the change to their version.
        }
    }
}
