using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Cosmos;

namespace MultiPhone.History;

/// <summary>A write about to be made, as its revision will record it.</summary>
/// <param name="BusinessId">The partition.</param>
/// <param name="Container">The container the written document lives in (the revision goes beside it).</param>
/// <param name="DocumentId">The written document's id.</param>
/// <param name="Target">What the document is.</param>
/// <param name="Before">Its content before (null: none).</param>
/// <param name="After">Its content after (null: none).</param>
public sealed record RevisionDraft(string BusinessId, string Container, string DocumentId, RevisionTarget Target, JsonObject? Before, JsonObject? After)
{
    public IReadOnlyList<string> PhoneIds { get; init; } = Target.PhoneId is { } phoneId ? [phoneId] : [];

    public RevisionOperation? Operation { get; init; }

    /// <summary>Adds what only the writer knows to each changed field (a section's sources).</summary>
    public Func<FieldChange, FieldChange>? Annotate { get; init; }

    public IReadOnlyList<string>? AffectedPhoneIds { get; init; }

    public IReadOnlyList<string>? UnaffectedPhoneIds { get; init; }

    /// <summary>The business's retention, when the writer knows it better than <see cref="IHistoryRetention"/> (it is writing it).</summary>
    public int? RetentionDays { get; init; }
}

/// <summary>Where a business's history retention comes from (a business setting, implemented by that feature).</summary>
public interface IHistoryRetention
{
    Task<int> DaysAsync(string businessId, CancellationToken ct);

    /// <summary>The business's retention was just changed: read it again next time.</summary>
    void Changed(string businessId);
}

/// <summary>
/// Makes the revision of a write: the author and request of the current flow (<see cref="ChangeAuthor"/>), the restore
/// it is part of (<see cref="Restoring"/>), the business's retention as its TTL.
/// </summary>
public sealed class Revisions(RevisionIds ids, IHistoryRetention retention, TimeProvider time)
{
    /// <summary>Fields every stored document carries that are bookkeeping, not content a person changed.</summary>
    private static readonly string[] Bookkeeping =
        ["id", "businessId", "version", "createdAt", "updatedAt", ContainerExtensions.TtlProperty, ContainerExtensions.ChangedByProperty, ContainerExtensions.RemovedAtProperty, "state", "phoneSlotsTaken"];

    private static readonly AsyncLocal<string?> RestoredFrom = new();

    private static readonly AsyncLocal<ScheduledWrite?> Scheduled = new();

    private static readonly AsyncLocal<RevisionCapture?> Captured = new();

    /// <summary>The writes that follow in this flow restore revision <paramref name="revisionId"/>.</summary>
    public static IDisposable Restoring(string revisionId)
    {
        var previous = RestoredFrom.Value;
        RestoredFrom.Value = revisionId;
        return new Undo(() => RestoredFrom.Value = previous);
    }

    /// <summary>The writes that follow in this flow apply a scheduled change; the result names the revision last made for one.</summary>
    public static ScheduledWrite Applying(ScheduleStamp stamp)
    {
        var previous = Scheduled.Value;
        var write = new ScheduledWrite(stamp, () => Scheduled.Value = previous);
        Scheduled.Value = write;
        return write;
    }

    /// <summary>The writes that follow in this flow (a bulk edit's at one location): the result names the revision last made for one.</summary>
    public static RevisionCapture Capture()
    {
        var previous = Captured.Value;
        var capture = new RevisionCapture(() => Captured.Value = previous);
        Captured.Value = capture;
        return capture;
    }

    /// <summary>A stored document's content as history shows it: its JSON without bookkeeping fields.</summary>
    public static JsonObject Content<T>(T document)
    {
        var content = JsonSerializer.SerializeToNode(document, CosmosJson.Options)!.AsObject();
        foreach (var field in Bookkeeping)
        {
            content.Remove(field);
        }
        return content;
    }

    public async Task<Revision> ForAsync(RevisionDraft draft, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var changes = FieldDiff.Compare(draft.Before, draft.After);
        var days = draft.RetentionDays ?? await retention.DaysAsync(draft.BusinessId, ct);
        var id = ids.Next(at, draft.Container);
        Scheduled.Value?.Made(id);
        Captured.Value?.Made(id);
        return new Revision
        {
            Id = id,
            BusinessId = draft.BusinessId,
            RevisionOf = draft.DocumentId,
            At = at,
            Actor = ChangeAuthor.Who ?? new Author(AuthorKind.System, "unknown"),
            RequestId = ChangeAuthor.RequestId,
            Target = draft.Target,
            Operation = draft.Operation ?? (draft.Before is null ? RevisionOperation.Create : draft.After is null ? RevisionOperation.Delete : RevisionOperation.Update),
            PhoneIds = draft.PhoneIds,
            Changes = draft.Annotate is null ? changes : changes.Select(draft.Annotate).ToList(),
            Before = draft.Before,
            After = draft.After,
            RestoredFrom = RestoredFrom.Value,
            Scheduled = Scheduled.Value?.Stamp,
            AffectedPhoneIds = draft.AffectedPhoneIds,
            UnaffectedPhoneIds = draft.UnaffectedPhoneIds,
            Ttl = (int)TimeSpan.FromDays(days).TotalSeconds,
        };
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>The id of the last revision made in a flow, once a write succeeded (a write refused for a stale ETag made none).</summary>
    public sealed class RevisionCapture(Action undo) : IDisposable
    {
        public string? RevisionId { get; private set; }

        internal void Made(string revisionId) => RevisionId = revisionId;

        public void Dispose() => undo();
    }

    /// <summary>Writes made for a scheduled change: its stamp, and the id of the last revision made for them.</summary>
    public sealed class ScheduledWrite(ScheduleStamp stamp, Action undo) : IDisposable
    {
        public ScheduleStamp Stamp { get; } = stamp;

        /// <summary>The revision of the write, once it succeeded (a write refused for a stale ETag made none).</summary>
        public string? RevisionId { get; private set; }

        internal void Made(string revisionId) => RevisionId = revisionId;

        public void Dispose() => undo();
    }
}
