using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;

namespace MultiPhone.Migration;

/// <summary>A business document read for the migration: as stored, and as the legacy fields say (null when they cannot be read).</summary>
public sealed record LegacyDocument(JsonObject Stored, string ETag, LegacyBusiness? Business, string? Unreadable)
{
    public static LegacyDocument From(JsonObject stored, string etag)
    {
        try
        {
            return new LegacyDocument(stored, etag, stored.Deserialize<LegacyBusiness>(CosmosJson.Options), null);
        }
        catch (JsonException e)
        {
            // Legacy data is what it is: a field of the wrong type makes this business unreadable, not the run.
            return new LegacyDocument(stored, etag, null, $"A field cannot be read ({e.Path}).");
        }
    }
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
        return LegacyDocument.From((await JsonNode.ParseAsync(response.Content, cancellationToken: ct))!.AsObject(), response.Headers.ETag);
    }

    /// <summary>Replaces the document as read (with the changes made to <see cref="LegacyDocument.Stored"/>) if it is still current.</summary>
    public async Task<WriteStatus> ReplaceAsync(string businessId, JsonObject document, string ifMatch, CancellationToken ct)
    {
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, CosmosJson.Options));
        using var response = await _businesses.ReplaceItemStreamAsync(
            content, businessId, new PartitionKey(businessId), new ItemRequestOptions { IfMatchEtag = ifMatch }, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.PreconditionFailed:
                return WriteStatus.Stale;
            case HttpStatusCode.NotFound:
                return WriteStatus.Missing;
            default:
                response.EnsureSuccessStatusCode();
                return WriteStatus.Done;
        }
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

    /// <summary>The ids of one page of businesses; the continuation comes from the previous page (null for the first).</summary>
    public async Task<BusinessIdPage> PageAsync(string? continuation, int pageSize, CancellationToken ct)
    {
        // A read feed (no query): pages in storage order, and the only cross-partition listing the local server serves.
        using var iterator = _businesses.GetItemQueryStreamIterator(
            queryDefinition: null, continuationToken: continuation, new QueryRequestOptions { MaxItemCount = pageSize });
        var ids = new List<string>();
        string? next = continuation;
        while (iterator.HasMoreResults && ids.Count == 0)
        {
            using var page = await iterator.ReadNextAsync(ct);
            page.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: ct);
            ids.AddRange(document.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
            next = page.ContinuationToken;
        }
        return new BusinessIdPage(ids, ids.Count == 0 ? null : next);
    }

    public Task<Stored<LegacyNumberRoute>?> GetRouteAsync(string e164, CancellationToken ct) =>
        _routes.ReadAsync<LegacyNumberRoute>(e164, new PartitionKey(e164), ct);
}
