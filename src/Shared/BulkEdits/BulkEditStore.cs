using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.BulkEdits;

/// <summary>Bulk edits and the items of their batches, in their business's partition.</summary>
public sealed class BulkEditStore(Database database)
{
    public static readonly ContainerDefinition Definition = new("bulkEdits", "/businessId");

    /// <summary>The list shows the newest this many.</summary>
    public const int Listed = 100;

    private readonly Container _container = database.GetContainer(Definition.Name);

    public async Task<Stored<BulkEdit>?> GetAsync(string businessId, string id, CancellationToken ct) =>
        BulkEditIds.IsEditId(id) ? await _container.ReadAsync<BulkEdit>(id, new PartitionKey(businessId), ct) : null;

    /// <summary>The newest edits first (ids start with the time).</summary>
    public async Task<List<BulkEdit>> ListAsync(string businessId, CancellationToken ct) =>
        [.. (await _container.QueryPartitionAsync<BulkEdit>(
            new QueryDefinition("SELECT TOP @top * FROM c WHERE c.businessId = @businessId AND c.docType = @type ORDER BY c.id DESC")
                .WithParameter("@businessId", businessId)
                .WithParameter("@top", Listed)
                .WithParameter("@type", BulkEdit.DocumentType),
            new PartitionKey(businessId), ct)).Select(stored => stored.Item)];

    public Task<Write<BulkEdit>> CreateAsync(BulkEdit edit, CancellationToken ct) =>
        _container.CreateAsync(edit, new PartitionKey(edit.BusinessId), ct);

    public Task<Write<BulkEdit>> ReplaceAsync(BulkEdit edit, string etag, CancellationToken ct) =>
        _container.ReplaceAsync(edit, edit.Id, new PartitionKey(edit.BusinessId), etag, ct);

    public Task<Stored<BulkEditBatch>?> GetBatchAsync(string businessId, string editId, int index, CancellationToken ct) =>
        _container.ReadAsync<BulkEditBatch>(BulkEditBatch.IdOf(editId, index), new PartitionKey(businessId), ct);

    /// <summary>Stores a batch's items once: not done when a run before a crash stored them already.</summary>
    public Task<Write<BulkEditBatch>> CreateBatchAsync(BulkEditBatch batch, CancellationToken ct) =>
        _container.CreateAsync(batch, new PartitionKey(batch.BusinessId), ct);

    /// <summary>Every stored batch of an edit, in order.</summary>
    public async Task<List<BulkEditBatch>> ListBatchesAsync(string businessId, string editId, CancellationToken ct) =>
        [.. (await _container.QueryPartitionAsync<BulkEditBatch>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId AND c.docType = @type AND c.editId = @editId")
                .WithParameter("@businessId", businessId)
                .WithParameter("@type", BulkEditBatch.DocumentType)
                .WithParameter("@editId", editId),
            new PartitionKey(businessId), ct)).Select(stored => stored.Item).OrderBy(batch => batch.Index)];
}

/// <summary>Bulk edit ids: the time first, so they sort oldest first, and never a batch document's id.</summary>
public static class BulkEditIds
{
    public const string Prefix = "bulk-";

    public static string New(DateTimeOffset now) => $"{Prefix}{now.UtcDateTime:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..(Prefix.Length + 17 + 1 + 12)];

    public static bool IsEditId(string id) => id.StartsWith(Prefix, StringComparison.Ordinal) && !id.Contains(':', StringComparison.Ordinal) && id.Length <= 64;
}
