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

    /// <summary>One layer (a phone's own, or the default) of one section; null when there is none.</summary>
    Task<SectionDocument?> LayerAsync(string businessId, string scope, string section, CancellationToken ct);
}

internal static class SettingsLayersReads
{
    /// <summary>The business's settings layers, read once per batch of the feed whichever route asks.</summary>
    public static Task<SettingsLayers> LayersAsync(this ChangeReads reads, ISettingsLayersSource settings, string businessId, CancellationToken ct) =>
        reads.OnceAsync(AllLayers, businessId, () => settings.LayersAsync(businessId, ct));

    private const string AllLayers = "settingsLayers";

    /// <summary>
    /// One section's default and one phone's own layer, by scope, each read once per batch: a change of one phone's
    /// layer needs no other phone's. Two point reads, where the business's layers are one per phone and section; none
    /// when the batch has read the business's layers already (a migrated business's defaults and its phone's hours
    /// come in one batch).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, SectionDocument>> PhoneLayersAsync(
        this ChangeReads reads, ISettingsLayersSource settings, string businessId, string phoneId, string section, CancellationToken ct)
    {
        if (reads.Made<SettingsLayers>(AllLayers, businessId) is { } all)
        {
            return (await all).Of(section).Where(l => l.Key == SectionDocument.DefaultsScope || l.Key == phoneId)
                .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        }
        var layers = await Task.WhenAll(
            reads.OnceAsync($"settingsLayer:{SectionDocument.DefaultsScope}:{section}", businessId, () => settings.LayerAsync(businessId, SectionDocument.DefaultsScope, section, ct)),
            reads.OnceAsync($"settingsLayer:{phoneId}:{section}", businessId, () => settings.LayerAsync(businessId, phoneId, section, ct)));
        return layers.OfType<SectionDocument>().ToDictionary(d => d.Scope, StringComparer.Ordinal);
    }
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

    public async Task<SectionDocument?> LayerAsync(string businessId, string scope, string section, CancellationToken ct) =>
        (await _settings.ReadAsync<SectionDocument>(SectionDocument.IdOf(scope, section), new PartitionKey(businessId), ct))?.Item;
}
