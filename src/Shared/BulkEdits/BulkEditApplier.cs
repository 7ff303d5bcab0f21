using Microsoft.Extensions.Logging;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.BulkEdits;

/// <summary>
/// Applies a bulk edit a batch of locations at a time (called by its Durable orchestration), each location as its own
/// route writes it, as the edit (actor <c>bulkEdit</c>, the edit's id). At most once per location: a location whose
/// revision by this edit is already in history (a run again after a crash) is not written again, and every write is
/// conditional on the location's ETag.
/// </summary>
public sealed partial class BulkEditApplier(BulkEditStore store, BulkEditPlans plans, HistoryStore history, TimeProvider time, ILogger<BulkEditApplier> logger)
{
    private const int Attempts = 5;

    /// <summary>Locations of a batch written at once.</summary>
    private const int InParallel = 4;

    /// <summary>How many batches the edit has; none when it is gone or no longer running.</summary>
    public async Task<int> BatchCountAsync(string businessId, string editId, CancellationToken ct) =>
        await store.GetAsync(businessId, editId, ct) is { Item: { Status: BulkEditStatus.Running } edit } ? edit.BatchCount : 0;

    /// <summary>Applies one batch and stores its items, then counts them on the edit (its progress).</summary>
    public async Task<BulkCounts> ApplyBatchAsync(string businessId, string editId, int index, CancellationToken ct)
    {
        if (await store.GetAsync(businessId, editId, ct) is not { Item: var edit })
        {
            return BulkCounts.None;
        }
        var items = (await store.GetBatchAsync(businessId, editId, index, ct))?.Item.Items;
        if (items is null)
        {
            items = await ApplyAsync(edit, edit.Batch(index), ct);
            var batch = new BulkEditBatch { Id = BulkEditBatch.IdOf(editId, index), BusinessId = businessId, EditId = editId, Index = index, Items = items };
            if (!(await store.CreateBatchAsync(batch, ct)).Done)
            {
                // Another run of this batch stored it first; its items are the record.
                items = (await store.GetBatchAsync(businessId, editId, index, ct))!.Item.Items;
            }
        }
        var counts = BulkCounts.Of(items);
        await UpdateAsync(businessId, editId, e => e.DoneBatches.Contains(index) ? null : e with
        {
            Counts = e.Counts.Plus(counts),
            DoneBatches = [.. e.DoneBatches, index],
        }, ct);
        return counts;
    }

    /// <summary>The edit is over: completed, or failed when its run could not finish.</summary>
    public Task CompleteAsync(string businessId, string editId, bool failed, CancellationToken ct) =>
        UpdateAsync(businessId, editId, e => e.Status != BulkEditStatus.Running ? null : e with
        {
            Status = failed || e.DoneBatches.Count < e.BatchCount ? BulkEditStatus.Failed : BulkEditStatus.Completed,
            CompletedAt = time.GetUtcNow(),
        }, ct);

    private async Task<IReadOnlyList<BulkItem>> ApplyAsync(BulkEdit edit, IReadOnlyList<string> phoneIds, CancellationToken ct)
    {
        var plan = await plans.ForAsync(edit.BusinessId, edit.Operation, edit.Undoes is null ? null : edit, ct);
        if (!plan.IsOk)
        {
            // The copy's source phone was deleted since: every location fails with why.
            return [.. phoneIds.Select(id => BulkEditRules.Failed(id, null, plan.Problem))];
        }
        var contents = plan.Value.Contents;
        var done = (await history.ByActorAsync(edit.BusinessId, contents.Container, edit.Id, edit.CreatedAt, ct))
            .GroupBy(r => r.RevisionOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var items = new BulkItem[phoneIds.Count];
        using var author = ChangeAuthor.As(new Author(AuthorKind.BulkEdit, edit.Id, edit.CreatedBy.Name ?? edit.CreatedBy.Id));
        await Parallel.ForEachAsync(Enumerable.Range(0, phoneIds.Count), new ParallelOptions { MaxDegreeOfParallelism = InParallel, CancellationToken = ct },
            async (i, token) => items[i] = await ApplyOneAsync(edit, plan.Value, phoneIds[i], done.GetValueOrDefault(contents.DocumentId(phoneIds[i])), token));
        return items;
    }

    private async Task<BulkItem> ApplyOneAsync(BulkEdit edit, BulkEditPlan plan, string phoneId, Revision? earlier, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = await plan.Contents.ReadAsync(edit.BusinessId, phoneId, ct);
            if (!state.IsOk)
            {
                return BulkEditRules.Failed(phoneId, null, state.Problem);
            }
            if (earlier is not null)
            {
                // Written by a run of this batch before a crash: its revision says what it changed.
                var before = state.Value with { Content = earlier.Before };
                return BulkEditRules.Item(phoneId, state.Value.Phone.Phone.DisplayName, earlier.Before, earlier.After,
                    plan.Contents.Changes(before, earlier.After)) with { RevisionId = earlier.Id };
            }
            var (item, step) = await plan.ItemAsync(state.Value, ct);
            if (item.Outcome != BulkOutcome.Change)
            {
                return item;
            }
            Result<bool> written;
            string? revisionId;
            using (var capture = Revisions.Capture())
            using (step.RestoredFrom is { } restored ? Revisions.Restoring(restored) : null)
            {
                written = await plan.Contents.WriteAsync(edit.BusinessId, state.Value, step.Next, ct);
                revisionId = capture.RevisionId;
            }
            if (written.IsOk)
            {
                return item with { RevisionId = revisionId };
            }
            if (written.Problem.Status != 412 || attempt == Attempts)
            {
                LogFailed(logger, edit.Id, phoneId, written.Problem.Detail);
                return BulkEditRules.Failed(phoneId, item.DisplayName, written.Problem);
            }
            // Someone wrote the location between the read and the write: read it again and work the change out anew.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), time, ct);
        }
    }

    /// <summary>Changes the edit (null: nothing to change) on whatever version is current; a lost race reads it again.</summary>
    private async Task UpdateAsync(string businessId, string editId, Func<BulkEdit, BulkEdit?> change, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            if (await store.GetAsync(businessId, editId, ct) is not { } current || change(current.Item) is not { } updated)
            {
                return;
            }
            if ((await store.ReplaceAsync(updated, current.ETag, ct)).Done)
            {
                return;
            }
        }
        throw new InvalidOperationException($"Could not record the progress of bulk edit {editId}: it kept changing.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk edit {EditId} failed at phone {PhoneId}: {Detail}")]
    private static partial void LogFailed(ILogger logger, string editId, string phoneId, string? detail);
}
