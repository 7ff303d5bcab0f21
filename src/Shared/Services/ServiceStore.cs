using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Services;

/// <summary>Cosmos access for services and the per-phone switched-off lists, both partitioned by business.</summary>
public sealed class ServiceStore(Database database) : IPhoneScopedData
{
    /// <summary>Per-item TTL: a removed service stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public static readonly ContainerDefinition ServicesDefinition = new("services", "/businessId") { PerItemTtl = true };
    public static readonly ContainerDefinition SelectionsDefinition = new("phoneServiceSelections", "/businessId");

    // CosmosJson leaves nulls out, so a business-wide service has no phoneId at all.
    private const string BusinessWide = "NOT IS_DEFINED(c.phoneId)";

    private readonly Container _services = database.GetContainer(ServicesDefinition.Name);
    private readonly Container _selections = database.GetContainer(SelectionsDefinition.Name);

    /// <summary>
    /// Null for anything but an id this store issues (a GUID): such an id names nothing, and some (a blank, a backslash)
    /// are not valid Cosmos ids, which Cosmos answers with an error instead of 404.
    /// </summary>
    public async Task<Stored<Service>?> GetAsync(string businessId, string serviceId, CancellationToken ct) =>
        Guid.TryParseExact(serviceId, "D", out _) ? await _services.ReadAsync<Service>(serviceId, new PartitionKey(businessId), ct) : null;

    public Task<List<Service>> ListBusinessWideAsync(string businessId, CancellationToken ct) =>
        QueryAsync(businessId, new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND {BusinessWide}"), ct);

    /// <summary>The phone's own services.</summary>
    public Task<List<Service>> ListOwnAsync(string businessId, string phoneId, CancellationToken ct) =>
        QueryAsync(businessId, new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId AND c.phoneId = @phoneId")
            .WithParameter("@phoneId", phoneId), ct);

    /// <summary>The business-wide services and the phone's own, in one query.</summary>
    public Task<List<Service>> ListForPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        QueryAsync(businessId, new QueryDefinition(
                $"SELECT * FROM c WHERE c.businessId = @businessId AND ({BusinessWide} OR c.phoneId = @phoneId)")
            .WithParameter("@phoneId", phoneId), ct);

    /// <summary>The business-wide services among <paramref name="serviceIds"/>.</summary>
    public async Task<List<Service>> FindBusinessWideAsync(string businessId, IReadOnlyCollection<string> serviceIds, CancellationToken ct) =>
        serviceIds.Count == 0
            ? []
            : await QueryAsync(businessId, new QueryDefinition(
                    $"SELECT * FROM c WHERE c.businessId = @businessId AND {BusinessWide} AND ARRAY_CONTAINS(@ids, c.id)")
                .WithParameter("@ids", serviceIds), ct);

    public Task<Write<Service>> CreateAsync(Service service, CancellationToken ct) =>
        _services.CreateAsync(service, new PartitionKey(service.BusinessId), ct);

    public Task<Write<Service>> ReplaceAsync(Service service, string ifMatch, CancellationToken ct) =>
        _services.ReplaceAsync(service, service.Id, new PartitionKey(service.BusinessId), ifMatch, ct);

    public Task<WriteStatus> RemoveAsync(Service service, string ifMatch, DateTimeOffset now, CancellationToken ct) =>
        _services.RemoveAsync(service, service.Id, new PartitionKey(service.BusinessId), ifMatch, now, ct);

    public Task<Stored<PhoneServiceSelection>?> GetSelectionAsync(string businessId, string phoneId, CancellationToken ct) =>
        _selections.ReadAsync<PhoneServiceSelection>(phoneId, new PartitionKey(businessId), ct);

    public Task<Write<PhoneServiceSelection>> CreateSelectionAsync(PhoneServiceSelection selection, CancellationToken ct) =>
        _selections.CreateAsync(selection, new PartitionKey(selection.BusinessId), ct);

    public Task<Write<PhoneServiceSelection>> ReplaceSelectionAsync(PhoneServiceSelection selection, string ifMatch, CancellationToken ct) =>
        _selections.ReplaceAsync(selection, selection.Id, new PartitionKey(selection.BusinessId), ifMatch, ct);

    private async Task<List<Service>> QueryAsync(string businessId, QueryDefinition query, CancellationToken ct) =>
        (await _services.QueryPartitionAsync<Service>(query.WithParameter("@businessId", businessId), new PartitionKey(businessId), ct))
            .Select(s => s.Item)
            .ToList();

    public async Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        await _selections.DeleteAsync(phoneId, new PartitionKey(businessId), ifMatch: null, ct);
        foreach (var own in await ListOwnAsync(businessId, phoneId, ct))
        {
            await _services.DeleteAsync(own.Id, new PartitionKey(businessId), ifMatch: null, ct);
        }
    }
}
