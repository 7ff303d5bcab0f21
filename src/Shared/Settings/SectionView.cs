using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Cosmos;

namespace MultiPhone.Settings;

/// <summary>A section as one layer sees it: the layer itself, the effective value over the layers below, and each field's source.</summary>
public sealed record SectionView<T>(T? Layer, T Effective, IReadOnlyDictionary<string, SettingSource> Sources, long Version, DateTimeOffset? UpdatedAt)
    where T : class, ISettingsSection<T>
{
    public string ETag => SectionDocument.ETagOf(Version);

    /// <summary>Builds the view of a phone layer (<paramref name="phone"/> set) or of the business default layer.</summary>
    public static SectionView<T> Resolve(SectionDocument? business, SectionDocument? phone, bool forPhone)
    {
        var own = forPhone ? phone : business;
        var (effective, sources) = SettingsMerge.Merge(SectionJson<T>.SystemLayer, business?.Value, forPhone ? phone?.Value : null);
        return new SectionView<T>(
            SectionJson<T>.FromJson(own?.Value),
            SectionJson<T>.FromJson(effective)!,
            sources,
            own?.Version ?? 0,
            own?.UpdatedAt);
    }
}

/// <summary>Converts a section between its typed form and the JSON the merge works on.</summary>
public static class SectionJson<T> where T : class, ISettingsSection<T>
{
    private static readonly JsonSerializerOptions WithNulls = new(CosmosJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The system layer keeps its nulls: for it, null is the defined fallback ("none"), not "inherit".</summary>
    public static readonly JsonObject SystemLayer = JsonSerializer.SerializeToNode(T.SystemDefault, WithNulls)!.AsObject();

    /// <summary>A layer as stored: absent and null fields left out, so they inherit.</summary>
    public static JsonObject? ToJson(T? layer) => layer is null ? null : JsonSerializer.SerializeToNode(layer, CosmosJson.Options)!.AsObject();

    public static T? FromJson(JsonObject? json) => json?.Deserialize<T>(CosmosJson.Options);
}

/// <summary>Which phones of a business follow one default section, and which override it (both primary first, then by name).</summary>
/// <param name="Section">The section's name.</param>
/// <param name="InheritingPhoneIds">Phones without an override: changes to the default reach them live.</param>
/// <param name="OverridingPhoneIds">Phones with an override of their own.</param>
public sealed record SectionInheritance(string Section, IReadOnlyList<string> InheritingPhoneIds, IReadOnlyList<string> OverridingPhoneIds);
