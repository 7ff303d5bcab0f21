using System.Net;
using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.History;

/// <summary>
/// Writes of documents that keep history: the write and its revision go in one transactional batch on the document's
/// partition, so neither is ever stored without the other. Outcomes are reported as <see cref="ContainerExtensions"/>
/// reports them (missing, conflict, stale as values; anything else throws). No operation asks for its document back
/// (only the first one's ETag is read): a batch's answer would otherwise carry every document and revision it wrote.
/// </summary>
public static class RevisionWrites
{
    public static async Task<Write<T>> CreateAsync<T>(this Container container, T item, PartitionKey partitionKey, Revision revision, CancellationToken ct)
    {
        var etag = await CommitAsync(container.CreateTransactionalBatch(partitionKey).CreateItemStream(ContainerExtensions.Serialize(item), Minimal()), revision, ct);
        return ToWrite(etag, item);
    }

    public static async Task<Write<T>> ReplaceAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string ifMatch, Revision revision, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(partitionKey)
            .ReplaceItemStream(id, ContainerExtensions.Serialize(item), Minimal(ifMatch));
        return ToWrite(await CommitAsync(batch, revision, ct), item);
    }

    /// <summary>Creates the document when <paramref name="ifMatch"/> is null, else replaces it under that ETag.</summary>
    public static Task<Write<T>> SaveAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string? ifMatch, Revision revision, CancellationToken ct) =>
        ifMatch is null ? container.CreateAsync(item, partitionKey, revision, ct) : container.ReplaceAsync(item, id, partitionKey, ifMatch, revision, ct);

    /// <summary><see cref="ContainerExtensions.RemoveAsync{T}"/> with its revision.</summary>
    public static async Task<WriteStatus> RemoveAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string ifMatch, DateTimeOffset now, Revision revision, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(partitionKey)
            .ReplaceItemStream(id, ContainerExtensions.SerializeRemoved(item, now), Minimal(ifMatch));
        return (await CommitAsync(batch, revision, ct)).Status;
    }

    public static async Task<WriteStatus> PatchAsync(this Container container, string id, PartitionKey partitionKey, IReadOnlyList<PatchOperation> operations, string ifMatch, Revision revision, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(partitionKey)
            .PatchItem(id, operations, new TransactionalBatchPatchItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false });
        return (await CommitAsync(batch, revision, ct)).Status;
    }

    /// <summary>
    /// Creates several documents of one partition, each with its revision, in one batch: all of them, or none (not done
    /// when one exists already). At most 50 documents: Cosmos takes 100 operations a batch.
    /// </summary>
    public static async Task<WriteStatus> CreateAllAsync<T>(this Container container, PartitionKey partitionKey, IReadOnlyList<(T Item, Revision Revision)> items, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(partitionKey);
        foreach (var (item, revision) in items)
        {
            batch.CreateItemStream(ContainerExtensions.Serialize(item), Minimal()).CreateItemStream(ContainerExtensions.Serialize(revision), Minimal());
        }
        return (await ExecuteAsync(batch, [.. items.Select(i => i.Revision)], ct)).Status;
    }

    /// <summary>Adds the revision to the batch (the write is its first operation) and runs it.</summary>
    private static Task<(WriteStatus Status, string? ETag)> CommitAsync(TransactionalBatch batch, Revision revision, CancellationToken ct) =>
        ExecuteAsync(batch.CreateItemStream(ContainerExtensions.Serialize(revision), Minimal()), [revision], ct);

    private static TransactionalBatchItemRequestOptions Minimal(string? ifMatch = null) =>
        new() { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };

    /// <summary>Runs a batch of writes each followed by its revision (operations 2i and 2i + 1).</summary>
    private static async Task<(WriteStatus Status, string? ETag)> ExecuteAsync(TransactionalBatch batch, IReadOnlyList<Revision> revisions, CancellationToken ct)
    {
        using var response = await batch.ExecuteAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return (WriteStatus.Done, response[0].ETag);
        }
        // The failing operation carries its status; the others answer 424 (failed dependency).
        var failed = Enumerable.Range(0, response.Count).FirstOrDefault(i => response[i].StatusCode != HttpStatusCode.FailedDependency, -1);
        var status = failed < 0 ? response.StatusCode : response[failed].StatusCode;
        if (failed % 2 == 1)
        {
            var revision = revisions[failed / 2];
            throw new CosmosException($"The revision {revision.Id} could not be stored ({status}), so its change was not made either.",
                status, 0, response.ActivityId, response.RequestCharge);
        }
        return status switch
        {
            HttpStatusCode.Conflict => (WriteStatus.Conflict, null),
            HttpStatusCode.PreconditionFailed => (WriteStatus.Stale, null),
            HttpStatusCode.NotFound => (WriteStatus.Missing, null),
            _ => throw new CosmosException($"The write of {revisions[Math.Max(failed, 0) / 2].RevisionOf} and its revision failed: {response.ErrorMessage}",
                status, 0, response.ActivityId, response.RequestCharge),
        };
    }

    private static Write<T> ToWrite<T>((WriteStatus Status, string? ETag) outcome, T item) =>
        outcome.Status == WriteStatus.Done ? new Write<T>(WriteStatus.Done, new Stored<T>(item, outcome.ETag!)) : new Write<T>(outcome.Status, null);
}
