using System.Text.Json.Nodes;
using MultiPhone.Cosmos;

namespace MultiPhone.ScheduledChanges;

public enum ScheduleStatus
{
    Pending,
    Applied,
    Skipped,
    Failed,
    Cancelled,
}

public enum ConflictPolicy
{
    /// <summary>Leave the target alone when someone changed one of the fields after the change was scheduled.</summary>
    Skip,

    /// <summary>Apply anyway.</summary>
    Apply,
}

/// <summary>When a change applies: an instant, or a wall-clock time in each location's own zone (or in the one given).</summary>
public sealed record ScheduleTime
{
    public DateTimeOffset? Instant { get; init; }

    /// <summary>yyyy-MM-ddTHH:mm.</summary>
    public string? LocalTime { get; init; }

    /// <summary>With <see cref="LocalTime"/>: the IANA zone it is read in for every location; absent: each location's own.</summary>
    public string? TimeZone { get; init; }
}

/// <summary>What a scheduled change asks for (POST, and PUT to reschedule).</summary>
public sealed record ScheduledChangeInput
{
    /// <summary>voice, rules, hours, sms (a phone's or the defaults' layer), or phone (a phone's isActive and displayName).</summary>
    [Required]
    public string? Section { get; init; }

    /// <summary>The fields to set, as in the section's PUT body (objects merge field by field; lists and values replace).</summary>
    [Required]
    public JsonObject? Set { get; init; }

    [Required]
    public ScheduleTime? At { get; init; }

    /// <summary>What to do when someone changed one of these fields after it was scheduled; skip by default.</summary>
    public ConflictPolicy? OnConflict { get; init; }

    [StringLength(ScheduleRules.MaxNoteLength)]
    public string? Note { get; init; }
}

/// <summary>One phone the change reaches, and when in its zone.</summary>
public sealed record ScheduleApplication
{
    public required string PhoneId { get; init; }

    public required string TimeZone { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>The wall-clock time of <see cref="DueAt"/> in <see cref="TimeZone"/>.</summary>
    public required string LocalDueAt { get; init; }

    public ScheduleStatus Status { get; init; } = ScheduleStatus.Pending;

    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>How long after <see cref="DueAt"/> it was applied (late when the app was down at the time).</summary>
    public long? LateByMs { get; init; }

    /// <summary>The revision of the write; absent when nothing had to change.</summary>
    public string? RevisionId { get; init; }

    /// <summary>Skipped: the fields someone else changed after it was scheduled.</summary>
    public IReadOnlyList<string>? Conflicts { get; init; }

    /// <summary>Failed: why (the same problem the write answered).</summary>
    public ScheduleProblem? Problem { get; init; }

    /// <summary>
    /// A default change reaching phones at different instants: the old values this phone was given as its own when the
    /// defaults changed for the earlier zones, taken back at its own time.
    /// </summary>
    public JsonObject? Held { get; init; }
}

public sealed record ScheduleProblem(string Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// A change of a phone's layer (<see cref="PhoneId"/> set) or of the business defaults, to be applied at its time by a
/// Durable orchestration timer (one per change and version), stored in its business's partition.
/// </summary>
public sealed record ScheduledChange
{
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    /// <summary>The phone whose layer it changes; absent for the business defaults.</summary>
    public string? PhoneId { get; init; }

    public required string Section { get; init; }

    public required JsonObject Set { get; init; }

    public required ScheduleTime At { get; init; }

    public required ConflictPolicy OnConflict { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required Author CreatedBy { get; init; }

    /// <summary>When it was last scheduled or rescheduled: later changes of its fields by others are conflicts.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    public required long Version { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>A default change: when the defaults layer itself changes (the earliest application, or the instant).</summary>
    public DateTimeOffset? DefaultsDueAt { get; init; }

    /// <summary>A default change: whether the defaults layer itself was changed yet (at <see cref="DefaultsDueAt"/>).</summary>
    public ScheduleStatus? DefaultsStatus { get; init; }

    /// <summary>A default change: the revision of the defaults layer's write.</summary>
    public string? DefaultsRevisionId { get; init; }

    public required IReadOnlyList<ScheduleApplication> Applications { get; init; }

    public ScheduleStatus Status => ScheduleRules.StatusOf(this);

    [JsonIgnore]
    public string ETag => ETagOf(Version);

    public static string ETagOf(long version) => $"\"v{version}\"";

    /// <summary>The Durable orchestration that applies this version of the change.</summary>
    [JsonIgnore]
    public string InstanceId => $"scheduled-{Id}-v{Version}";
}
