using System.Text.Json.Nodes;
using MultiPhone.Cosmos;

namespace MultiPhone.BulkEdits;

/// <summary>Body of <c>POST /businesses/{b}/bulk-edits</c>: which locations, what to do to each, and whether only to preview it.</summary>
public sealed record BulkEditInput
{
    [Required]
    public BulkTarget? Target { get; init; }

    [Required]
    public BulkOperation? Operation { get; init; }

    /// <summary>Only work out what would happen to each location (200 with the items); nothing is written.</summary>
    public bool DryRun { get; init; }

    [StringLength(BulkEditRules.MaxNoteLength)]
    public string? Note { get; init; }
}

/// <summary>The locations a bulk edit reaches: exactly one of these.</summary>
public sealed record BulkTarget
{
    /// <summary>These phones (1 to 2,000 ids).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? PhoneIds { get; init; }

    /// <summary>Every phone with this label.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }

    /// <summary>Every active phone.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? All { get; init; }

    /// <summary>Every active phone in this IANA time zone.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; init; }
}

public enum BulkOperationKind
{
    /// <summary>Set fields of a section as each phone's own (null: inherit that field again).</summary>
    Set,
    /// <summary>Make fields of a section (or the whole section) inherit the business defaults again.</summary>
    Reset,
    /// <summary>Copy a phone's own layer of a section (or the defaults, as each phone's own) to each phone.</summary>
    Copy,
    /// <summary>Switch business-wide services off or on at each phone.</summary>
    Services,
    /// <summary>Set each phone active or inactive.</summary>
    Active,
    /// <summary>Put back what another bulk edit changed (made by its undo route, not posted).</summary>
    Undo,
}

/// <summary>What a bulk edit does to each location; which members apply depends on <see cref="Kind"/>.</summary>
public sealed record BulkOperation
{
    [Required]
    public BulkOperationKind? Kind { get; init; }

    /// <summary>set, reset, copy: voice, rules, hours or sms.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Section { get; init; }

    /// <summary>set: the fields, as in the section's PUT (objects merge field by field; null: inherit again). reset: the field paths (absent: the whole section).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Fields { get; init; }

    /// <summary>copy: the phone whose own layer is copied; absent: the business defaults are.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FromPhoneId { get; init; }

    /// <summary>services: business-wide services to switch off.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? SwitchOff { get; init; }

    /// <summary>services: business-wide services to switch on again.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? SwitchOn { get; init; }

    /// <summary>active: the value.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsActive { get; init; }

    /// <summary>undo: the bulk edit it undoes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Of { get; init; }

    /// <summary>undo: whether locations changed again since were put back too.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Force { get; init; }
}

public enum BulkEditStatus
{
    Running,
    Completed,
    Failed,
}

public enum BulkOutcome
{
    Change,
    Unchanged,
    Fail,
}

/// <summary>One field of a location as the edit changes it: effective values, and for a section the layer each comes from.</summary>
/// <param name="Path">The field's dotted path.</param>
public sealed record BulkChange(string Path)
{
    /// <summary>Its value before; absent when it had none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Before { get; init; }

    /// <summary>Its value after; absent when it has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? After { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SettingSource? SourceBefore { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SettingSource? SourceAfter { get; init; }
}

/// <summary>Why a location failed.</summary>
public sealed record BulkProblem(string Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static BulkProblem Of(Problem problem) => new(problem.Title, problem.Detail, problem.Errors);
}

/// <summary>What the edit does (preview) or did (result) at one location.</summary>
public sealed record BulkItem
{
    public required string PhoneId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayName { get; init; }

    public required BulkOutcome Outcome { get; init; }

    public IReadOnlyList<BulkChange> Changes { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BulkProblem? Problem { get; init; }

    /// <summary>An undo: the fields changed again since the edit it undoes, why the location was left alone.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Conflicts { get; init; }

    /// <summary>The revision the change made (in History, by actor "bulkEdit" and the edit's id).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RevisionId { get; init; }
}

public sealed record BulkCounts(int Changed, int Unchanged, int Failed)
{
    public static readonly BulkCounts None = new(0, 0, 0);

    public static BulkCounts Of(IEnumerable<BulkItem> items)
    {
        var list = items.ToList();
        return new(list.Count(i => i.Outcome == BulkOutcome.Change), list.Count(i => i.Outcome == BulkOutcome.Unchanged), list.Count(i => i.Outcome == BulkOutcome.Fail));
    }

    public BulkCounts Plus(BulkCounts other) => new(Changed + other.Changed, Unchanged + other.Unchanged, Failed + other.Failed);
}

/// <summary>The answer to a dry run.</summary>
public sealed record BulkPreview(BulkCounts Counts, IReadOnlyList<BulkItem> Items);

/// <summary>
/// A bulk edit as stored (<c>docType: bulkEdit</c>), in its business's partition; its items are stored a batch of
/// locations at a time beside it (<see cref="BulkEditBatch"/>), so the edit stays small at thousands of locations.
/// </summary>
public sealed record BulkEdit
{
    public const string DocumentType = "bulkEdit";

    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    public string DocType { get; init; } = DocumentType;

    public required BulkTarget Target { get; init; }

    public required BulkOperation Operation { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required Author CreatedBy { get; init; }

    public required BulkEditStatus Status { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The locations, resolved from the target when the edit was made; batch <c>n</c> is the n-th slice.</summary>
    public required IReadOnlyList<string> PhoneIds { get; init; }

    public required BulkCounts Counts { get; init; }

    /// <summary>The batches whose items are stored and counted: counting one again after a crash would count it twice.</summary>
    public IReadOnlyList<int> DoneBatches { get; init; } = [];

    /// <summary>The bulk edit that undid this one.</summary>
    public string? UndoneBy { get; init; }

    /// <summary>An undo: the operation of the edit it undoes, and the revision it made at each location.</summary>
    public BulkOperation? Undoes { get; init; }

    public IReadOnlyDictionary<string, string>? UndoRevisions { get; init; }

    /// <summary>The batches of locations: how many there are and which locations each holds.</summary>
    public int BatchCount => (PhoneIds.Count + BulkEditRules.BatchSize - 1) / BulkEditRules.BatchSize;

    public IReadOnlyList<string> Batch(int index) => [.. PhoneIds.Skip(index * BulkEditRules.BatchSize).Take(BulkEditRules.BatchSize)];

    /// <summary>The orchestration that applies it.</summary>
    public string InstanceId => Id;
}

/// <summary>The items of one batch of a bulk edit's locations (<c>docType: bulkEditBatch</c>), written once the batch is done.</summary>
public sealed record BulkEditBatch
{
    public const string DocumentType = "bulkEditBatch";

    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    public string DocType { get; init; } = DocumentType;

    public required string EditId { get; init; }

    public required int Index { get; init; }

    public required IReadOnlyList<BulkItem> Items { get; init; }

    public static string IdOf(string editId, int index) => $"{editId}:batch:{index:D5}";
}

/// <summary>A bulk edit as the API shows it: <see cref="Items"/> only when one edit is read.</summary>
public sealed record BulkEditResponse(
    string Id, string BusinessId, BulkEditStatus Status, BulkTarget Target, BulkOperation Operation, string? Note,
    DateTimeOffset CreatedAt, Author CreatedBy, DateTimeOffset? CompletedAt, int Total, BulkCounts Counts, string? UndoneBy)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BulkItem>? Items { get; init; }

    public static BulkEditResponse From(BulkEdit edit, IReadOnlyList<BulkItem>? items = null) => new(
        edit.Id, edit.BusinessId, edit.Status, edit.Target, edit.Operation, edit.Note, edit.CreatedAt, edit.CreatedBy,
        edit.CompletedAt, edit.PhoneIds.Count, edit.Counts, edit.UndoneBy)
    {
        Items = items,
    };
}

/// <summary>The answer to an apply or undo: the new edit's id and where to watch it.</summary>
public sealed record BulkEditStarted(string Id, string StatusQueryGetUri);

public sealed record BulkEditList(IReadOnlyList<BulkEditResponse> Items);
