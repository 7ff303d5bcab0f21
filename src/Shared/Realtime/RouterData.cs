using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;
using MultiPhone.Staff;

namespace MultiPhone.Realtime;

/// <summary>What the router reads to fan a change out to the phones it affects: a few reads in one business partition.</summary>
public interface IRouterData
{
    Task<IReadOnlyList<PhoneNumber>> ReadyPhonesAsync(string businessId, CancellationToken ct);

    /// <summary>Every layer of the business's settings sections, in one read: a change of one section is often followed by others.</summary>
    Task<SettingsLayers> LayersAsync(string businessId, CancellationToken ct);

    Task<IReadOnlyList<PhoneStaffAssignments>> AssignmentsAsync(string businessId, CancellationToken ct);
}

public sealed class CosmosRouterData(PhoneNumberStore phones, Database database, StaffStore staff, SettingsSections sections) : IRouterData
{
    private readonly Container _settings = database.GetContainer(SettingsStore.Definition.Name);

    public async Task<IReadOnlyList<PhoneNumber>> ReadyPhonesAsync(string businessId, CancellationToken ct) =>
        [.. (await phones.ListAsync(businessId, ct)).Select(p => p.Item).Where(p => p.State == PhoneState.Ready)];

    public async Task<SettingsLayers> LayersAsync(string businessId, CancellationToken ct) =>
        new([.. (await _settings.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId AND ARRAY_CONTAINS(@sections, c.section)")
                .WithParameter("@businessId", businessId)
                .WithParameter("@sections", sections.Names),
            new PartitionKey(businessId), ct)).Select(d => d.Item)]);

    public async Task<IReadOnlyList<PhoneStaffAssignments>> AssignmentsAsync(string businessId, CancellationToken ct) =>
        [.. (await staff.ListAssignmentsAsync(businessId, ct)).Select(a => a.Item)];
}

/// <summary>The layers of a business's settings sections the channels report on.</summary>
public sealed class SettingsLayers(IReadOnlyList<SectionDocument> documents)
{
    private readonly ILookup<string, SectionDocument> _bySection = documents.ToLookup(d => d.Section, StringComparer.Ordinal);

    /// <summary>One section's layers by scope: "defaults" and each overriding phone's id.</summary>
    public IReadOnlyDictionary<string, SectionDocument> Of(string section) =>
        _bySection[section].ToDictionary(d => d.Scope, StringComparer.Ordinal);
}

/// <summary>
/// <see cref="IRouterData"/> for one batch of the change feed: each read made once, the first time a change needs it
/// (<see cref="ChangeRouter.ReadsForOneBatch"/> says why that is safe). A batch is routed one change at a time.
/// </summary>
internal sealed class BatchReads(IRouterData data) : IRouterData
{
    private readonly Dictionary<string, Task<IReadOnlyList<PhoneNumber>>> _phones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<SettingsLayers>> _layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<IReadOnlyList<PhoneStaffAssignments>>> _assignments = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<PhoneNumber>> ReadyPhonesAsync(string businessId, CancellationToken ct) =>
        Once(_phones, businessId, () => data.ReadyPhonesAsync(businessId, ct));

    public Task<SettingsLayers> LayersAsync(string businessId, CancellationToken ct) =>
        Once(_layers, businessId, () => data.LayersAsync(businessId, ct));

    public Task<IReadOnlyList<PhoneStaffAssignments>> AssignmentsAsync(string businessId, CancellationToken ct) =>
        Once(_assignments, businessId, () => data.AssignmentsAsync(businessId, ct));

    private static Task<T> Once<TKey, T>(Dictionary<TKey, Task<T>> reads, TKey key, Func<Task<T>> read) where TKey : notnull
    {
        if (!reads.TryGetValue(key, out var pending))
        {
            reads[key] = pending = read();
        }
        return pending;
    }
}
