using System.Text.Json.Nodes;
using MultiPhone.Cosmos;
using MultiPhone.History;
using NodaTime;
using NodaTime.Extensions;

namespace MultiPhone.ScheduledChanges;

/// <summary>A phone as scheduling sees it: its zone, and whether it inherits the fields of a default change.</summary>
public sealed record SchedulePhone(string PhoneId, string TimeZone, bool Inherits);

/// <summary>The rules of scheduled changes, on values alone.</summary>
public static class ScheduleRules
{
    public const int MaxNoteLength = 500;

    /// <summary>How far ahead a change may be scheduled.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(3660);

    /// <summary>The section name of a phone's own details (isActive, displayName).</summary>
    public const string PhoneSection = "phone";

    /// <summary>What a change of a phone's details may set.</summary>
    public static readonly IReadOnlySet<string> PhoneFields = new HashSet<string>(StringComparer.Ordinal) { "isActive", "displayName" };

    /// <summary>The change's status: cancelled; pending while any phone waits; failed if any failed; skipped if all were; else applied.</summary>
    public static ScheduleStatus StatusOf(ScheduledChange change)
    {
        if (change.Cancelled)
        {
            return ScheduleStatus.Cancelled;
        }
        var statuses = change.Applications.Select(a => a.Status).ToList();
        if (change.DefaultsStatus is { } defaults)
        {
            statuses.Add(defaults);
        }
        return statuses.Contains(ScheduleStatus.Pending) ? ScheduleStatus.Pending
            : statuses.Contains(ScheduleStatus.Failed) ? ScheduleStatus.Failed
            : statuses.All(s => s == ScheduleStatus.Skipped) ? ScheduleStatus.Skipped
            : ScheduleStatus.Applied;
    }

    /// <summary>
    /// When the change reaches each phone: the instant for all, or the local time in each phone's zone (or the zone
    /// given). A phone's own change reaches its phone; a default change the phones that inherit one of its fields.
    /// Null with a message when the time cannot be worked out.
    /// </summary>
    public static (IReadOnlyList<ScheduleApplication> Applications, DateTimeOffset? DefaultsDueAt, string? Error) Plan(
        ScheduleTime at, IReadOnlyList<SchedulePhone> phones, bool forDefaults, Instant now)
    {
        var local = LocalTimes.Parse(at.LocalTime);
        if ((at.Instant is null) == (at.LocalTime is null))
        {
            return ([], null, "Give either instant or localTime.");
        }
        if (at.LocalTime is not null && local is null)
        {
            return ([], null, "localTime must be written yyyy-MM-ddTHH:mm.");
        }
        var zone = LocalTimes.Zone(at.TimeZone);
        if (at.TimeZone is not null && (zone is null || local is null))
        {
            return ([], null, zone is null ? $"'{at.TimeZone}' is not an IANA time zone." : "timeZone goes with localTime.");
        }
        var due = phones.Select(phone =>
        {
            var phoneZone = zone ?? DateTimeZoneProviders.Tzdb[phone.TimeZone];
            var instant = at.Instant is { } fixedAt ? fixedAt.ToInstant() : LocalTimes.Resolve(local!.Value, phoneZone);
            return (Phone: phone, Zone: phoneZone, Instant: instant);
        }).ToList();
        DateTimeOffset? defaultsDue = !forDefaults ? null
            : at.Instant is { } instantDue ? instantDue.ToUniversalTime()
            : due.Count > 0 ? due.Min(d => d.Instant).ToDateTimeOffset()
            : zone is not null ? LocalTimes.Resolve(local!.Value, zone).ToDateTimeOffset()
            : null;
        if (forDefaults && defaultsDue is null)
        {
            return ([], null, "The business has no locations to read a local time in: give an instant or a timeZone.");
        }
        var earliest = defaultsDue?.ToInstant() ?? due.Select(d => d.Instant).DefaultIfEmpty(Instant.MaxValue).Min();
        if (earliest <= now)
        {
            return ([], null, "The time has already passed.");
        }
        if (due.Any(d => d.Instant > now.Plus(Duration.FromTimeSpan(MaxAhead))))
        {
            return ([], null, "At most ten years ahead.");
        }
        IReadOnlyList<ScheduleApplication> applications = [.. due
            .Where(d => d.Phone.Inherits)
            .OrderBy(d => d.Instant)
            .ThenBy(d => d.Phone.PhoneId, StringComparer.Ordinal)
            .Select(d => new ScheduleApplication
            {
                PhoneId = d.Phone.PhoneId,
                TimeZone = d.Zone.Id,
                DueAt = d.Instant.ToDateTimeOffset(),
                LocalDueAt = LocalTimes.Format(d.Instant.InZone(d.Zone).LocalDateTime),
            })];
        return (applications, defaultsDue, null);
    }

    /// <summary>The dotted paths of the fields a change sets (objects descend, lists and values are leaves; null: inherit again).</summary>
    public static IReadOnlyList<string> Paths(JsonObject set) => [.. Leaves(set, "").Select(leaf => leaf.Path)];

    /// <summary>
    /// <paramref name="layer"/> with every field of <paramref name="set"/> put in (objects merged field by field), and
    /// the fields it sets to null taken out, so they inherit again.
    /// </summary>
    public static JsonObject Merge(JsonObject? layer, JsonObject set) =>
        Leaves(set, "").Aggregate(layer?.DeepClone().AsObject() ?? [], (content, leaf) => FieldDiff.With(content, leaf.Path, leaf.Value));

    /// <summary>
    /// <paramref name="normalized"/> (a section's checks drop nulls) with the fields <paramref name="given"/> set to
    /// null put back as null: "inherit this field again" is something a change can set.
    /// </summary>
    public static JsonObject WithNulls(JsonObject normalized, JsonObject given)
    {
        var result = normalized.DeepClone().AsObject();
        foreach (var (path, _) in Leaves(given, "").Where(leaf => leaf.Value is null))
        {
            var parts = path.Split('.');
            var parent = result;
            foreach (var part in parts[..^1])
            {
                if (parent[part] is not JsonObject child)
                {
                    parent[part] = child = [];
                }
                parent = child;
            }
            parent[parts[^1]] = null;
        }
        return result;
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonObject content, string prefix)
    {
        foreach (var (key, value) in content)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject { Count: > 0 } child)
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

    /// <summary>
    /// The paths of <paramref name="paths"/> that a person (or other background work, not a schedule) changed in the
    /// target after <paramref name="since"/>. Other scheduled changes are not conflicts: a holiday greeting and the
    /// one that ends it are planned to follow each other.
    /// </summary>
    public static IReadOnlyList<string> Conflicts(IEnumerable<string> paths, IEnumerable<Revision> revisions, DateTimeOffset since)
    {
        var touched = revisions
            .Where(r => r.At > since && r.Actor.Kind != AuthorKind.Schedule)
            .SelectMany(r => r.Changes.Select(c => c.Path))
            .ToList();
        return [.. paths.Where(path => touched.Any(other => RestoreRules.Overlaps(path, other))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The fields held for a phone that are no longer what was held (someone changed them meanwhile).</summary>
    public static IReadOnlyList<string> ChangedSinceHeld(JsonObject held, JsonObject? layer) =>
        [.. Paths(held).Where(path => !JsonNode.DeepEquals(FieldDiff.At(held, path), FieldDiff.At(layer, path)))];

    /// <summary><paramref name="layer"/> without the fields of <paramref name="held"/>: the phone follows the defaults again.</summary>
    public static JsonObject? Release(JsonObject? layer, JsonObject held)
    {
        var content = Paths(held).Aggregate(layer, (current, path) => FieldDiff.With(current, path, null));
        return content is null || content.Count == 0 ? null : content;
    }
}
