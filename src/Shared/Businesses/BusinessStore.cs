using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.Businesses;

public sealed class BusinessStore(Database database)
{
    public static readonly ContainerDefinition Definition = new("businesses", "/businessId");

    private readonly Container _container = database.GetContainer(Definition.Name);

    public Task<Stored<Business>?> GetAsync(string businessId, CancellationToken ct) =>
        _container.ReadAsync<Business>(businessId, new PartitionKey(businessId), ct);

    public Task<Write<Business>> CreateAsync(Business business, CancellationToken ct) =>
        _container.CreateAsync(business, new PartitionKey(business.BusinessId), ct);

    public Task<Write<Business>> ReplaceAsync(Business business, string ifMatch, CancellationToken ct) =>
        _container.ReplaceAsync(business, business.Id, new PartitionKey(business.BusinessId), ifMatch, ct);

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
            var write = await ReplaceAsync(changed, current.ETag, ct);
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
