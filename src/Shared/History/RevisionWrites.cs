using System.Net;
using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.History;

/// <summary>
/// Writes of documents that keep history: the write and its revision go in one transactional batch on the document's
/// partition, so neither is ever stored without the other. Outcomes are reported as <see cref="ContainerExtensions"/>
/// reports them (missing, conflict, stale as values; anything else throws).
/// </summary>
public static class RevisionWrites
{
    public static async Task<Write<T>> CreateAsync<T>(this Container container, T item, PartitionKey partitionKey, Revision revision, CancellationToken ct)
    {
        var etag = await CommitAsync(container.CreateTransactionalBatch(partitionKey).CreateItemStream(ContainerExtensions.Serialize(item)), revision, ct);
        return ToWrite(etag, item);
    }

    public static async Task<Write<T>> ReplaceAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string ifMatch, Revision revision, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(partitionKey)
            .ReplaceItemStream(id, ContainerExtensions.Serialize(item), new TransactionalBatchItemRequestOptions { IfMatchEtag = ifMatch });
        return ToWrite(await CommitAsync(batch, revision, ct), item);
    }

    /// <summary>Creates the document when <paramref name="ifMatch"/> is null, else replaces it under that ETag.</summary>
    public static Task<Write<T>> SaveAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string? ifMatch, Revision revision, CancellationToken ct) =>
        ifMatch is null ? container.CreateAsync(item, partitionKey, revision, ct) : container.ReplaceAsync(item, id, partitionKey, ifMatch, revision, ct);

    /// <summary><see cref="ContainerExtensions.RemoveAsync{T}"/> with its revision.</summary>
    public static async Task<WriteStatus> RemoveAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string ifMatch, DateTimeOffset now, Revision revision, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(partitionKey)
            .ReplaceItemStream(id, ContainerExtensions.SerializeRemoved(item, now), new TransactionalBatchItemRequestOptions { IfMatchEtag = ifMatch });
        return (await CommitAsync(batch, revision, ct)).Status;
    }

    public static async Task<WriteStatus> PatchAsync(this Container container, string id, PartitionKey partitionKey, IReadOnlyList<PatchOperation> operations, string ifMatch, Revision revision, CancellationToken ct)
    {
        var batch = container.CreateTransactionalBatch(partitionKey)
            .PatchItem(id, operations, new TransactionalBatchPatchItemRequestOptions { IfMatchEtag = ifMatch });
        return (await CommitAsync(batch, revision, ct)).Status;
    }

    /// <summary>Adds the revision to the batch (the write is its first operation) and runs it.</summary>
    private static async Task<(WriteStatus Status, string? ETag)> CommitAsync(TransactionalBatch batch, Revision revision, CancellationToken ct)
    {
        using var response = await batch.CreateItemStream(ContainerExtensions.Serialize(revision)).ExecuteAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return (WriteStatus.Done, response[0].ETag);
        }
        // The failing operation carries its status; the others answer 424 (failed dependency).
        var write = response.Count > 0 ? response[0].StatusCode : response.StatusCode;
        if (write == HttpStatusCode.FailedDependency && response.Count > 1)
        {
            throw new CosmosException($"The revision {revision.Id} could not be stored ({response[1].StatusCode}), so its change was not made either.",
                response[1].StatusCode, 0, response.ActivityId, response.RequestCharge);
        }
        return write switch
        {
            HttpStatusCode.Conflict => (WriteStatus.Conflict, null),
            HttpStatusCode.PreconditionFailed => (WriteStatus.Stale, null),
            HttpStatusCode.NotFound => (WriteStatus.Missing, null),
            _ => throw new CosmosException($"The write of {revision.RevisionOf} and its revision failed: {response.ErrorMessage}",
                write, 0, response.ActivityId, response.RequestCharge),
        };
    }

    private static Write<T> ToWrite<T>((WriteStatus Status, string? ETag) outcome, T item) =>
        outcome.Status == WriteStatus.Done ? new Write<T>(WriteStatus.Done, new Stored<T>(item, outcome.ETag!)) : new Write<T>(outcome.Status, null);
}
