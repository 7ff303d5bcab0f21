using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace MultiPhone.Cosmos;

/// <summary>
/// Point operations that report expected outcomes (missing, conflict, stale) as values through the stream API,
/// so no exception is used for control flow. Unexpected statuses still throw.
/// Removed documents (<see cref="RemoveAsync{T}"/>) are absent to every read made through here. Writes ask for no
/// document back: only the ETag is used.
/// </summary>
public static class ContainerExtensions
{
    /// <summary>The property every written document carries: who wrote it.</summary>
    public const string ChangedByProperty = "changedBy";

    /// <summary>Marks a revision (History/): a record of a write of the document it names, stored beside it.</summary>
    public const string RevisionOfProperty = "revisionOf";

    /// <summary>Marks a removed document; its presence makes the document absent to reads.</summary>
    public const string RemovedAtProperty = "removedAt";

    /// <summary>Cosmos's per-item time to live, in seconds, which a removed document carries.</summary>
    public const string TtlProperty = "ttl";

    /// <summary>
    /// How long a removed document stays (Cosmos per-item TTL) so the change feed, which carries no deletes, carries
    /// its removal to the realtime router first.
    /// </summary>
    public static readonly TimeSpan RemovedDocumentLifetime = TimeSpan.FromDays(7);

    public static async Task<Stored<T>?> ReadAsync<T>(this Container container, string id, PartitionKey partitionKey, CancellationToken ct)
    {
        if (!CanBeId(id))
        {
            // Ids come from URLs; one Cosmos could never have stored does not exist, rather than being an error.
            return null;
        }
        using var response = await container.ReadItemStreamAsync(id, partitionKey, cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
        return IsRemoved(document.RootElement) ? null : new Stored<T>(Deserialize<T>(document.RootElement), response.Headers.ETag);
    }

    public static async Task<Write<T>> CreateAsync<T>(this Container container, T item, PartitionKey partitionKey, CancellationToken ct)
    {
        using var response = await container.CreateItemStreamAsync(Serialize(item), partitionKey, Written(), ct);
        return ToWrite(response, item);
    }

    public static async Task<Write<T>> ReplaceAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string ifMatch, CancellationToken ct)
    {
        using var response = await container.ReplaceItemStreamAsync(
            Serialize(item), id, partitionKey, Written(ifMatch), ct);
        return ToWrite(response, item);
    }

    /// <summary>A write's options: under <paramref name="ifMatch"/> if given, answering its ETag without the document.</summary>
    private static ItemRequestOptions Written(string? ifMatch = null) => new() { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };

    /// <summary>
    /// Removes a document the realtime channels report on: replaces it, under If-Match, by its own content marked
    /// <see cref="RemovedAtProperty"/> with a TTL of <see cref="RemovedDocumentLifetime"/>. The container must allow
    /// per-item TTL. Ids of removed documents are never reused (a create would conflict until the TTL ends).
    /// </summary>
    public static async Task<WriteStatus> RemoveAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string ifMatch, DateTimeOffset now, CancellationToken ct)
    {
        using var response = await container.ReplaceItemStreamAsync(
            SerializeRemoved(item, now), id, partitionKey, Written(ifMatch), ct);
        return ToStatus(response) ?? WriteStatus.Done;
    }

    /// <summary>The document's JSON marked removed, with the TTL that keeps it for the change feed a while.</summary>
    internal static MemoryStream SerializeRemoved<T>(T item, DateTimeOffset now) => Serialize(item, removedAt: now);

    public static async Task<WriteStatus> DeleteAsync(this Container container, string id, PartitionKey partitionKey, string? ifMatch, CancellationToken ct)
    {
        using var response = await container.DeleteItemStreamAsync(
            id, partitionKey, new ItemRequestOptions { IfMatchEtag = ifMatch }, ct);
        return ToStatus(response) ?? WriteStatus.Done;
    }

    /// <summary>Runs a query inside one partition and returns every item with its ETag.</summary>
    public static async Task<List<Stored<T>>> QueryPartitionAsync<T>(this Container container, QueryDefinition query, PartitionKey partitionKey, CancellationToken ct)
    {
        var results = new List<Stored<T>>();
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { PartitionKey = partitionKey });
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(ct);
            page.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: ct);
            foreach (var element in document.RootElement.GetProperty("Documents").EnumerateArray())
            {
                if (!IsRemoved(element))
                {
                    results.Add(new Stored<T>(Deserialize<T>(element), element.GetProperty("_etag").GetString()!));
                }
            }
        }
        return results;
    }

    /// <summary>Runs a <c>SELECT VALUE COUNT(1)</c> query inside one partition.</summary>
    public static async Task<long> CountPartitionAsync(this Container container, QueryDefinition count, PartitionKey partitionKey, CancellationToken ct)
    {
        long total = 0;
        using var iterator = container.GetItemQueryIterator<long>(count, requestOptions: new QueryRequestOptions { PartitionKey = partitionKey });
        while (iterator.HasMoreResults)
        {
            total += (await iterator.ReadNextAsync(ct)).Sum();
        }
        return total;
    }

    /// <summary>
    /// The documents with these ids, whatever their partitions, in one query instead of a point read each (the SDK adds
    /// one request for the gateway's query plan). Not <c>ReadManyItemsAsync</c>: for a container not partitioned by id
    /// it writes one OR term per item, which the local server takes seconds to parse; Cosmos DB answers both from its
    /// index. Ids that cannot exist, and removed documents, are left out.
    /// </summary>
    public static async Task<List<T>> QueryByIdsAsync<T>(this Container container, IEnumerable<string> ids, Func<JsonElement, T> read, CancellationToken ct)
    {
        string[] wanted = [.. ids.Where(CanBeId).Distinct(StringComparer.Ordinal)];
        var results = new List<T>(wanted.Length);
        if (wanted.Length == 0)
        {
            return results;
        }
        var query = new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)").WithParameter("@ids", wanted);
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { MaxItemCount = wanted.Length });
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(ct);
            page.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: ct);
            results.AddRange(document.RootElement.GetProperty("Documents").EnumerateArray().Where(e => !IsRemoved(e)).Select(read));
        }
        return results;
    }

    /// <summary>Cosmos ids are non-blank, at most 255 characters, without '/', '\\', '?' or '#'.</summary>
    public static bool CanBeId(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 255 && id.IndexOfAny(['/', '\\', '?', '#']) < 0;

    internal static Write<T> ToWrite<T>(ResponseMessage response, T item) =>
        ToStatus(response) is { } status
            ? new Write<T>(status, null)
            : new Write<T>(WriteStatus.Done, new Stored<T>(item, response.Headers.ETag));

    /// <summary>What a refused write means (<c>null</c>: it was done); anything else unexpected throws.</summary>
    internal static WriteStatus? ToStatus(ResponseMessage response)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.Conflict:
                return WriteStatus.Conflict;
            case HttpStatusCode.PreconditionFailed:
                return WriteStatus.Stale;
            case HttpStatusCode.NotFound:
                return WriteStatus.Missing;
            default:
                response.EnsureSuccessStatusCode();
                return null;
        }
    }

    /// <summary>
    /// The document's JSON, stamped with who is writing it (<see cref="ChangeAuthor"/>) for the change feed, and marked
    /// removed when <paramref name="removedAt"/> is given. The item's own JSON is copied property by property, without
    /// any stamp it carried from an earlier write (a document read back keeps unknown fields), rather than built as a
    /// node tree: every write of a migration passes here, and the tree cost a twentieth of the app's CPU.
    /// </summary>
    internal static MemoryStream Serialize<T>(T item, DateTimeOffset? removedAt = null)
    {
        using var document = JsonSerializer.SerializeToDocument(item, CosmosJson.Options);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"A {typeof(T).Name} serialized to {document.RootElement.ValueKind}, not an object.");
        }
        var author = ChangeAuthor.Current;
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var stamped = (author is not null && property.NameEquals(ChangedByProperty))
                    || (removedAt is not null && (property.NameEquals(RemovedAtProperty) || property.NameEquals(TtlProperty)));
                if (!stamped)
                {
                    property.WriteTo(writer);
                }
            }
            if (author is not null)
            {
                writer.WriteString(ChangedByProperty, author);
            }
            if (removedAt is { } at)
            {
                writer.WriteString(RemovedAtProperty, at);
                writer.WriteNumber(TtlProperty, (int)RemovedDocumentLifetime.TotalSeconds);
            }
            writer.WriteEndObject();
        }
        stream.Position = 0;
        return stream;
    }

    public static bool IsRemoved(JsonElement document) => document.TryGetProperty(RemovedAtProperty, out _);

    public static bool IsRevision(JsonElement document) => document.TryGetProperty(RevisionOfProperty, out _);

    private static T Deserialize<T>(JsonElement document) =>
        document.Deserialize<T>(CosmosJson.Options) ?? throw new InvalidOperationException($"A null {typeof(T).Name} came back from Cosmos.");
}
