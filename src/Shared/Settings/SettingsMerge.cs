using System.Text.Json.Nodes;

namespace MultiPhone.Settings;

/// <summary>
/// The inheritance rule, on JSON: a phone's override over the business default over the system fallback. A field
/// absent (or null) in a layer falls back to the layer below; objects merge field by field; lists and scalars
/// replace whole. The system layer defines every field, null included, so every effective field is defined.
/// </summary>
public static class SettingsMerge
{
    public static (JsonObject Effective, IReadOnlyDictionary<string, SettingSource> Sources) Merge(
        JsonObject system, JsonObject? business, JsonObject? phone)
    {
        var sources = new SortedDictionary<string, SettingSource>(StringComparer.Ordinal);
        var effective = MergeObjects(system, business, phone, prefix: "", sources);
        return (effective, sources);
    }

    private static JsonObject MergeObjects(JsonObject? system, JsonObject? business, JsonObject? phone, string prefix, SortedDictionary<string, SettingSource> sources)
    {
        var result = new JsonObject();
        var keys = new[] { system, business, phone }
            .Where(layer => layer is not null)
            .SelectMany(layer => layer!.Select(p => p.Key))
            .Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var s = system?[key];
            var b = business?[key];
            var p = phone?[key];
            var top = p ?? b ?? s;
            if (top is JsonObject)
            {
                result[key] = MergeObjects(s as JsonObject, b as JsonObject, p as JsonObject, path, sources);
                continue;
            }
            result[key] = top?.DeepClone();
            sources[path] = p is not null ? SettingSource.Phone : b is not null ? SettingSource.Business : SettingSource.System;
        }
        return result;
    }
}
