using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Services;

/// <summary>Cosmos access for services and the per-phone switched-off lists, both partitioned by business.</summary>
public sealed class ServiceStore(Database database) : IPhoneScopedData
{
    /// <summary>Per-item TTL: a removed service stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public static readonly ContainerDefinition ServicesDefinition = new("services", "/businessId") { PerItemTtl = true };
    public static readonly ContainerDefinition SelectionsDefinition = new("phoneServiceSelections", "/businessId");

    /// <summary>CosmosJson leaves nulls out, so a business-wide service has no phoneId at all.</summary>
    public const string BusinessWide = "NOT IS_DEFINED(c.phoneId)";

    public CatalogStore<Service> Services { get; } = new(database.GetContainer(ServicesDefinition.Name));

    public PhoneListStore<PhoneServiceSelection> Selections { get; } = new(database.GetContainer(SelectionsDefinition.Name));

    public async Task<List<Service>> ListBusinessWideAsync(string businessId, CancellationToken ct) =>
        Items(await Services.QueryAsync(businessId, BusinessWide, ct));

    /// <summary>The phone's own services.</summary>
    public async Task<List<Service>> ListOwnAsync(string businessId, string phoneId, CancellationToken ct) =>
        Items(await Services.QueryAsync(businessId, "c.phoneId = @phoneId", ct, ("@phoneId", phoneId)));

    /// <summary>The business-wide services and the phone's own, in one query.</summary>
    public async Task<List<Service>> ListForPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        Items(await Services.QueryAsync(businessId, $"({BusinessWide} OR c.phoneId = @phoneId)", ct, ("@phoneId", phoneId)));

    public Task<Stored<PhoneServiceSelection>?> GetSelectionAsync(string businessId, string phoneId, CancellationToken ct) =>
        Selections.GetAsync(businessId, phoneId, ct);

    public async Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        await Selections.DeleteAsync(businessId, phoneId, ct);
        foreach (var own in await ListOwnAsync(businessId, phoneId, ct))
        {
            await Services.DeleteAsync(own, ct);
        }
    }

    private static List<Service> Items(List<Stored<Service>> found) => [.. found.Select(s => s.Item)];
}
