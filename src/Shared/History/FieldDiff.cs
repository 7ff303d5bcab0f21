using System.Text.Json.Nodes;

namespace MultiPhone.History;

/// <summary>
/// The fields two versions of a content differ in, as the settings inheritance sees fields: objects are compared field
/// by field (a dotted path per leaf), lists and scalars whole. A field absent and a field set to null are the same:
/// both mean "not set here".
/// </summary>
public static class FieldDiff
{
    public static List<FieldChange> Compare(JsonObject? before, JsonObject? after)
    {
        var changes = new List<FieldChange>();
        CompareObjects(before, after, "", changes);
        return changes;
    }

    /// <summary>The value at a dotted path, or null when a part of it is not set.</summary>
    public static JsonNode? At(JsonObject? content, string path)
    {
        JsonNode? node = content;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }
        return node;
    }

    /// <summary>
    /// A copy of <paramref name="content"/> with the value at <paramref name="path"/> replaced by <paramref name="value"/>
    /// (removed when null), creating the objects on the way.
    /// </summary>
    public static JsonObject With(JsonObject? content, string path, JsonNode? value)
    {
        var copy = content?.DeepClone().AsObject() ?? [];
        var parts = path.Split('.');
        var parent = copy;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not JsonObject child)
            {
                child = [];
                parent[part] = child;
            }
            parent = child;
        }
        if (value is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = value.DeepClone();
        }
        return copy;
    }

    private static void CompareObjects(JsonObject? before, JsonObject? after, string prefix, List<FieldChange> changes)
    {
        var keys = (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var b = before?[key];
            var a = after?[key];
            if (b is JsonObject || a is JsonObject)
            {
                if (b is JsonObject or null && a is JsonObject or null)
                {
                    CompareObjects(b as JsonObject, a as JsonObject, path, changes);
                    continue;
                }
            }
            if (!JsonNode.DeepEquals(b, a))
            {
                changes.Add(new FieldChange(path) { Before = b?.DeepClone(), After = a?.DeepClone() });
            }
        }
    }
}
