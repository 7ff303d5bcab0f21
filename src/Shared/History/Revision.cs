using System.Text.Json.Nodes;
using MultiPhone.Cosmos;

namespace MultiPhone.History;

/// <summary>What a revision is about: the layer, document or list whose content it records.</summary>
public enum TargetKind
{
    PhoneSection,
    DefaultSection,
    Phone,
    Staff,
    Service,
    Business,
    StaffAssignments,
    SwitchedOffServices,
}

public enum RevisionOperation
{
    Create,
    Update,
    Delete,
}

/// <param name="Kind">What kind of thing changed.</param>
/// <param name="PhoneId">The phone it belongs to, when it belongs to one.</param>
/// <param name="Section">The settings section, for a section layer.</param>
/// <param name="ItemId">The staff member or service.</param>
public sealed record RevisionTarget(TargetKind Kind, string? PhoneId = null, string? Section = null, string? ItemId = null);

/// <summary>One field that a write changed.</summary>
/// <param name="Path">The field's dotted path in the content ("greeting", "escalation.phoneNumber").</param>
public sealed record FieldChange(string Path)
{
    /// <summary>Its value before; absent when the field was not set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Before { get; init; }

    /// <summary>Its value after; absent when the field is no longer set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? After { get; init; }

    /// <summary>For a settings section: which layer the phone's effective value came from before the change.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SettingSource? SourceBefore { get; init; }

    /// <summary>For a settings section: which layer the phone's effective value comes from after the change.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SettingSource? SourceAfter { get; init; }
}

/// <summary>A write made by a scheduled change: which, who scheduled it, when it was due and how late it came.</summary>
/// <param name="Step">apply (the change itself), hold (a phone keeps the old values until its own time) or release (its time came).</param>
public sealed record ScheduleStamp(string ChangeId, Author ScheduledBy, DateTimeOffset DueAt, long LateByMs, string Step)
{
    public const string Apply = "apply";
    public const string Hold = "hold";
    public const string Release = "release";
}

/// <summary>
/// One write of a layer, document or list, as stored beside it (same container, same partition), committed with it in
/// one transactional batch: who, when, in answer to which request, the content before and after, and the fields that
/// changed. Its id starts with the time, so ids sort newest last, and ends with the container it lives in.
/// </summary>
public sealed record Revision
{
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    /// <summary>The id of the document this records a write of; also what marks a document as a revision.</summary>
    public required string RevisionOf { get; init; }

    public required DateTimeOffset At { get; init; }

    public required Author Actor { get; init; }

    public string? RequestId { get; init; }

    public required RevisionTarget Target { get; init; }

    public required RevisionOperation Operation { get; init; }

    /// <summary>The phones whose history shows it: the phone it belongs to, or those whose effective values a default change changed.</summary>
    public required IReadOnlyList<string> PhoneIds { get; init; }

    public required IReadOnlyList<FieldChange> Changes { get; init; }

    /// <summary>The content before the write; null when there was none (created, or a section inheriting entirely).</summary>
    public JsonObject? Before { get; init; }

    /// <summary>The content after the write; null when there is none (deleted, or a section reset to inherit).</summary>
    public JsonObject? After { get; init; }

    /// <summary>The revision this write restored, when it was a restore.</summary>
    public string? RestoredFrom { get; init; }

    /// <summary>The scheduled change this write applied, when it was one.</summary>
    public ScheduleStamp? Scheduled { get; init; }

    /// <summary>A default section: the phones whose effective values it changed.</summary>
    public IReadOnlyList<string>? AffectedPhoneIds { get; init; }

    /// <summary>A default section: the phones that override every changed field, so it did not reach them.</summary>
    public IReadOnlyList<string>? UnaffectedPhoneIds { get; init; }

    /// <summary>Cosmos per-item time to live in seconds: the business's history retention.</summary>
    public int? Ttl { get; init; }

    /// <summary>Cosmos SQL on <c>c</c> that leaves revisions out of a query of a container's own documents.</summary>
    public const string NotARevision = $"NOT IS_DEFINED(c.{ContainerExtensions.RevisionOfProperty})";

    /// <summary>The container a revision id names (its last part).</summary>
    public static string? ContainerOf(string revisionId) =>
        revisionId.StartsWith(IdPrefix, StringComparison.Ordinal) && revisionId.LastIndexOf('-') is var dash and > 0
            ? revisionId[(dash + 1)..]
            : null;

    internal const string IdPrefix = "rev-";
}
