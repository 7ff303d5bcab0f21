using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.LocationItems;

namespace MultiPhone.Services;

/// <summary>Cosmos access for services and the per-phone switched-off lists.</summary>
public sealed class ServiceStore(Database database, Revisions revisions) : LocationItemsStore<Service, PhoneServiceSelection>(
    database, revisions, (ServicesDefinition, TargetKind.Service), (SelectionsDefinition, TargetKind.SwitchedOffServices))
{
    /// <summary>Per-item TTL: a removed service stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public static readonly ContainerDefinition ServicesDefinition = new("services", "/businessId") { PerItemTtl = true, KeepsHistory = true };
    public static readonly ContainerDefinition SelectionsDefinition = new("phoneServiceSelections", "/businessId") { KeepsHistory = true };

    /// <summary>CosmosJson leaves nulls out, so a business-wide service has no phoneId at all.</summary>
    public const string BusinessWide = "NOT IS_DEFINED(c.phoneId)";

    public async Task<List<Service>> ListBusinessWideAsync(string businessId, CancellationToken ct) =>
        ItemsOf(await Items.QueryAsync(businessId, BusinessWide, ct));

    /// <summary>The phone's own services.</summary>
    public async Task<List<Service>> ListOwnAsync(string businessId, string phoneId, CancellationToken ct) =>
        ItemsOf(await Items.QueryAsync(businessId, "c.phoneId = @phoneId", ct, ("@phoneId", phoneId)));

    /// <summary>The business-wide services and the phone's own, in one query.</summary>
    public async Task<List<Service>> ListForPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        ItemsOf(await Items.QueryAsync(businessId, $"({BusinessWide} OR c.phoneId = @phoneId)", ct, ("@phoneId", phoneId)));

    public Task<Stored<PhoneServiceSelection>?> GetSelectionAsync(string businessId, string phoneId, CancellationToken ct) =>
        Lists.GetAsync(businessId, phoneId, ct);

    /// <summary>Deletes the phone's switched-off list and its own services.</summary>
    public override async Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        await base.DeleteForPhoneAsync(businessId, phoneId, ct);
        foreach (var own in await ListOwnAsync(businessId, phoneId, ct))
        {
            await Items.DeleteAsync(own, ct);
        }
    }

    private static List<Service> ItemsOf(List<Stored<Service>> found) => [.. found.Select(s => s.Item)];
}
