using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.Migration;

/// <summary>
/// A business document read for the migration: its legacy fields (null when they cannot be read, with the reason and
/// the number as entered) and the ETag the migration's last write is conditional on.
/// </summary>
public sealed record LegacyDocument(string ETag, LegacyBusiness? Business, string? Unreadable, string? EnteredNumber)
{
    public static LegacyDocument From(ReadOnlySpan<byte> utf8, string etag)
    {
        try
        {
            var business = JsonSerializer.Deserialize<LegacyBusiness>(utf8, CosmosJson.Options)!;
            return new LegacyDocument(etag, business, null, business.PhoneNumber);
        }
        catch (JsonException e)
        {
            // Legacy data is what it is: a field of the wrong type makes this business unreadable, not the run.
            var entered = JsonNode.Parse(utf8)?["phoneNumber"] is JsonValue number && number.TryGetValue<string>(out var text) ? text : null;
            return new LegacyDocument(etag, null, $"A field cannot be read ({e.Path}).", entered);
        }
    }

    /// <summary>A business document as Cosmos returns it (point read or query), its ETag included.</summary>
    public static LegacyDocument From(JsonElement document) =>
        From(JsonMarshal.GetRawUtf8Value(document), document.GetProperty("_etag").GetString()!);
}

/// <summary>One page of the businesses container, in storage order, and where the next one starts (null after the last).</summary>
public sealed record BusinessIdPage(IReadOnlyList<string> Ids, string? Continuation);

/// <summary>
/// Cosmos access for the legacy data: business documents read whole (so a write keeps every field, legacy ones included),
/// the businesses container paged in storage order, and the legacy call routing.
/// </summary>
public sealed class LegacyStore(Database database)
{
    public static readonly ContainerDefinition RoutesDefinition = new("legacyNumberRoutes", "/id");

    private readonly Container _businesses = database.GetContainer(BusinessStore.Definition.Name);
    private readonly Container _routes = database.GetContainer(RoutesDefinition.Name);

    public async Task<LegacyDocument?> ReadAsync(string businessId, CancellationToken ct)
    {
        if (!ContainerExtensions.CanBeId(businessId))
        {
            return null;
        }
        using var response = await _businesses.ReadItemStreamAsync(businessId, new PartitionKey(businessId), cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
        return LegacyDocument.From(document.RootElement);
    }

    /// <summary>The businesses with these ids that exist, by id, in one query (a batch of the run reads its businesses so).</summary>
    public async Task<Dictionary<string, LegacyDocument>> ReadManyAsync(IEnumerable<string> businessIds, CancellationToken ct) =>
        (await _businesses.QueryByIdsAsync(businessIds, d => (Id: d.GetProperty("id").GetString()!, Document: LegacyDocument.From(d)), ct))
            .ToDictionary(d => d.Id, d => d.Document, StringComparer.Ordinal);

    /// <summary>
    /// Marks the business migrated, counts the phone's slot and (unless null) names the primary, in one conditional
    /// patch: every other field, legacy ones included, stays as it is.
    /// </summary>
    public async Task<WriteStatus> CompleteAsync(
        string businessId, string ifMatch, string? primaryPhoneId, int phoneSlotsTaken, LegacyMigrationRecord record, Revision revision, CancellationToken ct)
    {
        List<PatchOperation> operations = [PatchOperation.Set("/phoneSlotsTaken", phoneSlotsTaken), PatchOperation.Set("/migration", record)];
        if (primaryPhoneId is not null)
        {
            operations.Add(PatchOperation.Set("/primaryPhoneId", primaryPhoneId));
        }
        return await _businesses.PatchAsync(businessId, new PartitionKey(businessId), operations, ifMatch, revision, ct);
    }

    /// <summary>Writes a business document as the legacy app would have (the generator).</summary>
    public async Task UpsertBusinessAsync(string businessId, JsonObject document, CancellationToken ct)
    {
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, CosmosJson.Options));
        using var response = await _businesses.UpsertItemStreamAsync(content, new PartitionKey(businessId), cancellationToken: ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task UpsertRouteAsync(LegacyNumberRoute route, CancellationToken ct)
    {
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(route, CosmosJson.Options));
        using var response = await _routes.UpsertItemStreamAsync(content, new PartitionKey(route.Id), cancellationToken: ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Business documents read per request while paging: a page of many thousands would be one huge response.</summary>
    public const int ReadChunk = 1000;

    /// <summary>
    /// The ids of one page of about <paramref name="pageSize"/> businesses (whole chunks); the continuation comes from
    /// the previous page (null for the first).
    /// </summary>
    public async Task<BusinessIdPage> PageAsync(string? continuation, int pageSize, CancellationToken ct)
    {
        // A read feed (no query): pages in storage order, and the only cross-partition listing the local server serves.
        using var iterator = _businesses.GetItemQueryStreamIterator(
            queryDefinition: null, continuationToken: continuation, new QueryRequestOptions { MaxItemCount = Math.Min(pageSize, ReadChunk) });
        var ids = new List<string>();
        string? next = continuation;
        while (iterator.HasMoreResults && ids.Count < pageSize)
        {
            using var page = await iterator.ReadNextAsync(ct);
            page.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: ct);
            // Revisions of businesses live beside them; they are not businesses.
            ids.AddRange(document.RootElement.GetProperty("Documents").EnumerateArray()
                .Where(d => !ContainerExtensions.IsRevision(d))
                .Select(d => d.GetProperty("id").GetString()!));
            next = page.ContinuationToken;
        }
        return new BusinessIdPage(ids, ids.Count == 0 ? null : next);
    }

    public Task<Stored<LegacyNumberRoute>?> GetRouteAsync(string e164, CancellationToken ct) =>
        _routes.ReadAsync<LegacyNumberRoute>(e164, new PartitionKey(e164), ct);

    /// <summary>The legacy routing of these numbers, by number; numbers it never routed are absent.</summary>
    public async Task<Dictionary<string, LegacyNumberRoute>> GetRoutesAsync(IEnumerable<string> e164s, CancellationToken ct) =>
        (await _routes.QueryByIdsAsync(e164s, d => d.Deserialize<LegacyNumberRoute>(CosmosJson.Options)!, ct))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
}
