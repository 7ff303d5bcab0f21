using System.Text.Json.Nodes;
using MultiPhone.Cosmos;

namespace MultiPhone.History;

/// <summary>One revision as history lists it.</summary>
/// <param name="Id">The revision's id (what restore names).</param>
/// <param name="At">When the change was made.</param>
/// <param name="Actor">Who made it: a user (subject, name, role) or the migration run, schedule or bulk edit that did.</param>
/// <param name="RequestId">The request that made it, when a request did.</param>
/// <param name="Target">What changed.</param>
/// <param name="Operation">Whether it was created, updated or deleted (a section reset to inherit is an update to nothing).</param>
/// <param name="Changes">The fields that changed, before and after; for a settings section, where the phone's effective value came from.</param>
/// <param name="Inherited">In a phone's history: a change of the business defaults that changed this phone's effective values.</param>
/// <param name="RestoredFrom">The revision this change restored.</param>
/// <param name="AffectedPhoneIds">A default section: the phones whose effective values it changed.</param>
/// <param name="UnaffectedPhoneIds">A default section: the phones that override every field it changed.</param>
public record HistoryEntry(
    string Id,
    DateTimeOffset At,
    Author Actor,
    string? RequestId,
    RevisionTarget Target,
    RevisionOperation Operation,
    IReadOnlyList<FieldChange> Changes,
    bool? Inherited,
    string? RestoredFrom,
    IReadOnlyList<string>? AffectedPhoneIds,
    IReadOnlyList<string>? UnaffectedPhoneIds)
{
    /// <summary>The scheduled change this change applied: which, who scheduled it, when it was due and how late it came.</summary>
    public ScheduleStamp? Scheduled { get; init; }

    /// <param name="revision">The stored revision.</param>
    /// <param name="phoneId">The phone whose history shows it, if any: marks the defaults' revisions as inherited.</param>
    public static HistoryEntry From(Revision revision, string? phoneId = null) => new(
        revision.Id, revision.At, revision.Actor, revision.RequestId, revision.Target, revision.Operation, revision.Changes,
        phoneId is not null && revision.Target.Kind == TargetKind.DefaultSection ? true : null,
        revision.RestoredFrom, revision.AffectedPhoneIds, revision.UnaffectedPhoneIds)
    {
        Scheduled = revision.Scheduled,
    };
}

/// <summary>One revision with the whole content before and after.</summary>
/// <param name="Before">The content before the change (null: there was none, or a section inherited entirely).</param>
/// <param name="After">The content after the change (null: there is none, or a section inherits entirely).</param>
public sealed record HistoryRevision(
    string Id, DateTimeOffset At, Author Actor, string? RequestId, RevisionTarget Target, RevisionOperation Operation,
    IReadOnlyList<FieldChange> Changes, bool? Inherited, string? RestoredFrom, IReadOnlyList<string>? AffectedPhoneIds,
    IReadOnlyList<string>? UnaffectedPhoneIds, JsonObject? Before, JsonObject? After)
    : HistoryEntry(Id, At, Actor, RequestId, Target, Operation, Changes, Inherited, RestoredFrom, AffectedPhoneIds, UnaffectedPhoneIds)
{
    public static HistoryRevision Of(Revision revision, string? phoneId = null)
    {
        var entry = From(revision, phoneId);
        return new(entry.Id, entry.At, entry.Actor, entry.RequestId, entry.Target, entry.Operation, entry.Changes, entry.Inherited,
            entry.RestoredFrom, entry.AffectedPhoneIds, entry.UnaffectedPhoneIds, revision.Before, revision.After)
        {
            Scheduled = entry.Scheduled,
        };
    }
}

/// <param name="Items">Newest first.</param>
/// <param name="ContinuationToken">Pass back to read the next (older) page; absent on the last.</param>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, string? ContinuationToken);

/// <param name="To">"after" (the default): roll the target back to this version. "before": undo only this change.</param>
/// <param name="Force">Undo even when later changes touched the same fields.</param>
public sealed record RestoreRequest(RestoreTo? To = null, bool? Force = null);
