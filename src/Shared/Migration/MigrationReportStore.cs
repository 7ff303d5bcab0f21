using System.Text.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.Migration;

/// <summary>
/// One business a run did not migrate (or, for a verification, found wrong), with the reason. One document per
/// business and run (id = business id), so a batch that runs again after a crash writes the same documents again.
/// </summary>
public sealed record ReportEntry
{
    public required string Id { get; init; }

    public required string RunId { get; init; }

    public required string Outcome { get; init; }

    public string? Reason { get; init; }

    /// <summary>The legacy number as entered.</summary>
    public string? PhoneNumber { get; init; }
}

/// <summary>One page of a run's report, and where the next one starts (null after the last).</summary>
public sealed record ReportPage(IReadOnlyList<ReportEntry> Items, string? ContinuationToken);

/// <summary>
/// The runs' reports, partitioned by run: the businesses a run left unmigrated can be many more than fit in the
/// orchestration's output (which is kept to counts), and ops page through them here.
/// </summary>
public sealed class MigrationReportStore(Database database)
{
    public static readonly ContainerDefinition Definition = new("migrationReports", "/runId");

    private readonly Container _container = database.GetContainer(Definition.Name);

    /// <summary>Operations Cosmos DB takes in one transactional batch.</summary>
    private const int BatchLimit = 100;

    /// <summary>
    /// Writes (or writes again) the entries of one run: a run's entries share its partition, so they go up to 100 to a
    /// transactional batch, one request where there used to be one per entry.
    /// </summary>
    public async Task SaveAllAsync(string runId, IReadOnlyList<ReportEntry> entries, CancellationToken ct)
    {
        foreach (var chunk in entries.Chunk(BatchLimit))
        {
            var batch = _container.CreateTransactionalBatch(new PartitionKey(runId));
            foreach (var entry in chunk)
            {
                batch.UpsertItemStream(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(entry, CosmosJson.Options)));
            }
            using var response = await batch.ExecuteAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new CosmosException($"The report entries of run {runId} could not be written: {response.ErrorMessage}",
                    response.StatusCode, 0, response.ActivityId, response.RequestCharge);
            }
        }
    }

    /// <summary>
    /// The entries of one run in the order they were written, <paramref name="pageSize"/> at a time; null when the
    /// continuation token is not one Cosmos gave out.
    /// </summary>
    public async Task<ReportPage?> PageAsync(string runId, string? continuationToken, int pageSize, CancellationToken ct)
    {
        try
        {
            return await ReadPageAsync(runId, continuationToken, pageSize, ct);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // The SDK reads the token before sending anything and reports a bad one only by throwing.
            return null;
        }
    }

    private async Task<ReportPage?> ReadPageAsync(string runId, string? continuationToken, int pageSize, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.runId = @runId").WithParameter("@runId", runId);
        using var iterator = _container.GetItemQueryStreamIterator(query, continuationToken,
            new QueryRequestOptions { PartitionKey = new PartitionKey(runId), MaxItemCount = pageSize });
        if (!iterator.HasMoreResults)
        {
            return new ReportPage([], null);
        }
        using var page = await iterator.ReadNextAsync(ct);
        if (page.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            return null;
        }
        page.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: ct);
        var items = document.RootElement.GetProperty("Documents").EnumerateArray()
            .Select(e => e.Deserialize<ReportEntry>(CosmosJson.Options)!)
            .ToList();
        return new ReportPage(items, page.ContinuationToken);
    }
}
