using System.Text.Json.Nodes;
using MultiPhone.History;

namespace MultiPhone.Settings;

/// <summary>What a section layer's revision adds to the field diff: where each value came from, and which phones a default change reached.</summary>
public static class SectionRevisions
{
    /// <summary>A phone layer's change: the source of the phone's effective value before and after, over the defaults.</summary>
    public static FieldChange PhoneSources(FieldChange change, JsonObject? ownBefore, JsonObject? ownAfter, JsonObject? defaults) => change with
    {
        SourceBefore = Source(ownBefore, defaults, change.Path),
        SourceAfter = Source(ownAfter, defaults, change.Path),
    };

    /// <summary>A default layer's change: business when the default sets the field, system otherwise.</summary>
    public static FieldChange DefaultSources(FieldChange change) => change with
    {
        SourceBefore = change.Before is null ? SettingSource.System : SettingSource.Business,
        SourceAfter = change.After is null ? SettingSource.System : SettingSource.Business,
    };

    /// <summary>
    /// Which phones a change of the default from <paramref name="before"/> to <paramref name="after"/> changes the
    /// effective section of (affected), and which override every changed field (unaffected).
    /// </summary>
    public static (List<string> Affected, List<string> Unaffected) Reach(
        JsonObject system, JsonObject? before, JsonObject? after, IEnumerable<string> phoneIds, IReadOnlyDictionary<string, JsonObject?> overrides)
    {
        var affected = new List<string>();
        var unaffected = new List<string>();
        foreach (var phoneId in phoneIds)
        {
            var own = overrides.GetValueOrDefault(phoneId);
            var changed = !JsonNode.DeepEquals(SettingsMerge.Merge(system, before, own).Effective, SettingsMerge.Merge(system, after, own).Effective);
            (changed ? affected : unaffected).Add(phoneId);
        }
        return (affected, unaffected);
    }

    private static SettingSource Source(JsonObject? own, JsonObject? defaults, string path) =>
        FieldDiff.At(own, path) is not null ? SettingSource.Phone
        : FieldDiff.At(defaults, path) is not null ? SettingSource.Business
        : SettingSource.System;
}
