using System.Text.Json.Nodes;
using CsCheck;

namespace MultiPhone.UnitTests.Settings;

/// <summary>
/// Generators of settings layers as JSON over a shared key vocabulary, and helpers to walk them by dotted path.
/// Text values carry their layer's tag ("s", "b", "p") so a value in the effective layer shows where it came from.
/// </summary>
internal static class JsonLayers
{
    public static readonly string[] Keys = ["a", "b", "c", "d"];

    private const int Depth = 3;

    private static readonly Gen<JsonNode?> Null = Gen.Bool.Select(_ => (JsonNode?)null);

    /// <summary>Fuller than the layers above it, as the bottom layer defines every field.</summary>
    public static readonly Gen<JsonObject> System = Object("s", Depth, minEntries: 2);

    public static readonly Gen<JsonObject> Business = Object("b", Depth, minEntries: 0);

    public static readonly Gen<JsonObject> Phone = Object("p", Depth, minEntries: 0);

    /// <summary>Three free-form layers: any key may hold a scalar, null, list or object in any layer.</summary>
    public static readonly Gen<(JsonObject System, JsonObject Business, JsonObject Phone)> AnyLayers = Gen.Select(System, Business, Phone);

    /// <summary>
    /// Three layers as typed sections produce them: the system layer defines every field the others use, and a field
    /// holds an object in every layer or in none.
    /// </summary>
    public static readonly Gen<(JsonObject System, JsonObject Business, JsonObject Phone)> ConformingLayers =
        System.SelectMany(system => Gen.Select(Over(system, "b"), Over(system, "p"), (business, phone) => (system, business, phone)));

    private static Gen<JsonNode?> Scalar(string tag) => Gen.Frequency(
        (4, Gen.Int[0, 9].Select(n => (JsonNode?)JsonValue.Create($"{tag}{n}"))),
        (1, Gen.Int[0, 3].Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Bool.Select(v => (JsonNode?)JsonValue.Create(v))));

    private static Gen<JsonNode?> Node(string tag, int depth, int minEntries) => depth == 0
        ? Gen.Frequency((4, Scalar(tag)), (1, Null))
        : Gen.Frequency(
            (3, Scalar(tag)),
            (1, Null),
            (2, Node(tag, depth - 1, 0).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))),
            (4, Object(tag, depth - 1, minEntries).Select(o => (JsonNode?)o)));

    private static Gen<JsonObject> Object(string tag, int depth, int minEntries) =>
        Gen.Select(Gen.OneOf(Keys), Node(tag, depth, minEntries)).Array[minEntries, Keys.Length + 1].Select(entries =>
        {
            var result = new JsonObject();
            foreach (var (key, value) in entries)
            {
                result.TryAdd(key, value);
            }
            return result;
        });

    /// <summary>A sparse layer in the shape of <paramref name="below"/>: each field absent, null or set (objects field by field).</summary>
    private static Gen<JsonObject> Over(JsonObject below, string tag)
    {
        var entries = Gen.Const(() => Array.Empty<(string Key, JsonNode? Value)>());
        foreach (var (key, value) in below)
        {
            var set = value is JsonObject nested ? Over(nested, tag).Select(o => (JsonNode?)o) : Leaf(tag);
            var entry = Gen.Frequency(
                (2, Gen.Const(() => ((string Key, JsonNode? Value)[])[])),
                (1, Gen.Const(() => new[] { (key, (JsonNode?)null) })),
                (3, set.Select(v => new[] { (key, v) })));
            entries = entries.SelectMany(before => entry.Select(e => before.Concat(e).ToArray()));
        }
        return entries.Select(e => new JsonObject(e.Select(x => KeyValuePair.Create(x.Key, x.Value))));
    }

    private static Gen<JsonNode?> Leaf(string tag) => Gen.Frequency(
        (3, Scalar(tag)),
        (1, Scalar(tag).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))),
        (1, Object(tag, 1, minEntries: 1).Array[1, 2].Select(items => (JsonNode?)new JsonArray(items))));

    /// <summary>Every field that is not itself an object (scalars, nulls, lists), by dotted path.</summary>
    public static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonObject json, string prefix = "")
    {
        foreach (var (key, value) in json)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject child)
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    /// <summary>Every list in <paramref name="json"/>, nested objects included, by dotted path.</summary>
    public static IEnumerable<(string Path, JsonArray List)> Lists(JsonObject json) =>
        Leaves(json).Where(l => l.Value is JsonArray).Select(l => (l.Path, (JsonArray)l.Value!));

    /// <summary>The field at a dotted path; absent when the layer lacks it or a field on the way is not an object.</summary>
    public static (bool Present, JsonNode? Value) At(JsonObject? layer, string path)
    {
        var parts = path.Split('.');
        var current = layer;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = current?[parts[i]] as JsonObject;
        }
        return current is not null && current.TryGetPropertyValue(parts[^1], out var value) ? (true, value) : (false, null);
    }

    /// <summary>Every text value inside <paramref name="node"/>, at any depth.</summary>
    public static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    /// <summary>
    /// Copies <paramref name="phone"/> and fills every field it leaves absent or null with a value of its own, so that
    /// it defines every field the layers below define: objects stay objects (and are filled in turn), the rest get text.
    /// </summary>
    public static JsonObject Complete(JsonObject phone, JsonObject? business, JsonObject? system, string prefix = "")
    {
        var result = new JsonObject();
        var keys = phone.Select(p => p.Key).Concat(business?.Select(p => p.Key) ?? []).Concat(system?.Select(p => p.Key) ?? []).Distinct();
        foreach (var key in keys)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var own = phone[key];
            var b = business?[key] as JsonObject;
            var s = system?[key] as JsonObject;
            result[key] = own switch
            {
                JsonObject o => Complete(o, b, s, path),
                null when b is not null || s is not null => Complete(new JsonObject(), b, s, path),
                null => JsonValue.Create($"p:{path}"),
                _ => own.DeepClone(),
            };
        }
        return result;
    }
}
