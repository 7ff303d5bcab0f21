using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.Realtime;

namespace MultiPhone.Settings;

/// <summary>The layers of a business's settings sections the channels report on.</summary>
internal sealed class SettingsLayers(IReadOnlyList<SectionDocument> documents)
{
    private readonly ILookup<string, SectionDocument> _bySection = documents.ToLookup(d => d.Section, StringComparer.Ordinal);

    /// <summary>One section's layers by scope: "defaults" and each overriding phone's id.</summary>
    public IReadOnlyDictionary<string, SectionDocument> Of(string section) =>
        _bySection[section].ToDictionary(d => d.Scope, StringComparer.Ordinal);
}

/// <summary>Where the change routes read a business's settings layers.</summary>
internal interface ISettingsLayersSource
{
    /// <summary>Every layer of the business's settings sections, in one read: a change of one section is often followed by others.</summary>
    Task<SettingsLayers> LayersAsync(string businessId, CancellationToken ct);
}

internal static class SettingsLayersReads
{
    /// <summary>The business's settings layers, read once per batch of the feed whichever route asks.</summary>
    public static Task<SettingsLayers> LayersAsync(this ChangeReads reads, ISettingsLayersSource settings, string businessId, CancellationToken ct) =>
        reads.OnceAsync("settingsLayers", businessId, () => settings.LayersAsync(businessId, ct));
}

internal sealed class CosmosSettingsLayers(Database database, SettingsSections sections) : ISettingsLayersSource
{
    private readonly Container _settings = database.GetContainer(SettingsStore.Definition.Name);

    public async Task<SettingsLayers> LayersAsync(string businessId, CancellationToken ct) =>
        new([.. (await _settings.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND ARRAY_CONTAINS(@sections, c.section) AND {Revision.NotARevision}")
                .WithParameter("@businessId", businessId)
                .WithParameter("@sections", sections.Names),
            new PartitionKey(businessId), ct)).Select(d => d.Item)]);
}
