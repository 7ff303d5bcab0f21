using System.Text.Json.Nodes;
using MultiPhone.History;
using MultiPhone.Settings;

namespace MultiPhone.BulkEdits;

/// <summary>The rules of bulk edits, on values alone: what an operation makes of one location's content, and what that changes.</summary>
public static class BulkEditRules
{
    public const int MaxNoteLength = 500;

    /// <summary>At most this many locations per edit.</summary>
    public const int MaxLocations = 2000;

    /// <summary>Locations applied (and their items stored) together: one activity, one document of items.</summary>
    public const int BatchSize = 50;

    /// <summary>
    /// A section layer after the operation: <c>set</c> merges the fields in (null: inherit again); <c>reset</c> takes
    /// the fields out (all: the layer goes); <c>copy</c> is the source layer. Null: the section inherits entirely.
    /// </summary>
    public static JsonObject? NextLayer(BulkOperation operation, JsonObject? layer, JsonObject? copied) => operation.Kind switch
    {
        BulkOperationKind.Set => Prune(ScheduledChanges.ScheduleRules.Merge(layer, operation.Fields!.AsObject())),
        BulkOperationKind.Reset when operation.Fields is JsonArray paths =>
            Prune(paths.Select(p => p!.GetValue<string>()).Aggregate(layer, (content, path) => FieldDiff.With(content, path, null))),
        BulkOperationKind.Reset => null,
        BulkOperationKind.Copy => copied?.DeepClone().AsObject(),
        _ => throw new ArgumentException($"{operation.Kind} is not a section operation.", nameof(operation)),
    };

    /// <summary>A phone's content (as history records it) with its active flag set.</summary>
    public static JsonObject NextPhone(JsonObject phone, bool isActive)
    {
        var next = phone.DeepClone().AsObject();
        next["isActive"] = isActive;
        return next;
    }

    /// <summary>A phone's switched-off list (as history records it) with services switched off and on.</summary>
    public static JsonObject NextSwitchedOff(JsonObject? list, IReadOnlyList<string> off, IReadOnlyList<string> on)
    {
        var current = list?["businessServiceIds"]?.AsArray().Select(id => id!.GetValue<string>()) ?? [];
        var ids = current.Concat(off).Distinct(StringComparer.Ordinal).Except(on, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new JsonObject { ["businessServiceIds"] = new JsonArray([.. ids.Select(id => JsonValue.Create(id))]) };
    }

    /// <summary>
    /// What a section's new layer changes at a phone: each effective field whose value or source differs, before and
    /// after, with the layer each comes from.
    /// </summary>
    public static IReadOnlyList<BulkChange> SectionChanges(JsonObject system, JsonObject? defaults, JsonObject? before, JsonObject? after)
    {
        var (was, wasFrom) = SettingsMerge.Merge(system, defaults, before);
        var (will, willFrom) = SettingsMerge.Merge(system, defaults, after);
        return [.. willFrom.Keys.Union(wasFrom.Keys).Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Before: FieldDiff.At(was, path), After: FieldDiff.At(will, path),
                From: wasFrom.GetValueOrDefault(path), To: willFrom.GetValueOrDefault(path)))
            .Where(f => f.From != f.To || !JsonNode.DeepEquals(f.Before, f.After))
            .Select(f => new BulkChange(f.Path) { Before = f.Before?.DeepClone(), After = f.After?.DeepClone(), SourceBefore = f.From, SourceAfter = f.To })];
    }

    /// <summary>What a new content changes (a phone's details, a switched-off list): its fields that differ.</summary>
    public static IReadOnlyList<BulkChange> ContentChanges(JsonObject? before, JsonObject? after) =>
        [.. FieldDiff.Compare(before, after).Select(c => new BulkChange(c.Path) { Before = c.Before, After = c.After })];

    /// <summary>The result of one location: a change, or unchanged when the content stays as it is.</summary>
    public static BulkItem Item(string phoneId, string? displayName, JsonObject? before, JsonObject? after, IReadOnlyList<BulkChange> changes) => new()
    {
        PhoneId = phoneId,
        DisplayName = displayName,
        Outcome = JsonNode.DeepEquals(before, after) ? BulkOutcome.Unchanged : BulkOutcome.Change,
        Changes = JsonNode.DeepEquals(before, after) ? [] : changes,
    };

    public static BulkItem Failed(string phoneId, string? displayName, Problem problem) => new()
    {
        PhoneId = phoneId, DisplayName = displayName, Outcome = BulkOutcome.Fail, Problem = BulkProblem.Of(problem),
    };

    /// <summary>Takes out objects left empty (a reset of every field inside one); null when nothing is left.</summary>
    private static JsonObject? Prune(JsonObject? layer)
    {
        if (layer is null)
        {
            return null;
        }
        foreach (var (key, value) in layer.ToList())
        {
            if (value is JsonObject child && Prune(child) is null)
            {
                layer.Remove(key);
            }
        }
        return layer.Count == 0 ? null : layer;
    }

    /// <summary>The field paths a section defines (every leaf of its system layer, and the objects above them).</summary>
    public static IReadOnlySet<string> Paths(JsonObject system)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonObject node, string prefix)
        {
            foreach (var (key, value) in node)
            {
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                paths.Add(path);
                if (value is JsonObject child)
                {
                    Walk(child, path);
                }
            }
        }
        Walk(system, "");
        return paths;
    }
}
