using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace MultiPhone.Cosmos;

/// <summary>
/// Point operations that report expected outcomes (missing, conflict, stale) as values through the stream API,
/// so no exception is used for control flow. Unexpected statuses still throw.
/// </summary>
public static class ContainerExtensions
{
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
        return new Stored<T>(await DeserializeAsync<T>(response.Content, ct), response.Headers.ETag);
    }

    public static async Task<Write<T>> CreateAsync<T>(this Container container, T item, PartitionKey partitionKey, CancellationToken ct)
    {
        using var response = await container.CreateItemStreamAsync(Serialize(item), partitionKey, cancellationToken: ct);
        return ToWrite(response, item);
    }

    public static async Task<Write<T>> ReplaceAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string ifMatch, CancellationToken ct)
    {
        using var response = await container.ReplaceItemStreamAsync(
            Serialize(item), id, partitionKey, new ItemRequestOptions { IfMatchEtag = ifMatch }, ct);
        return ToWrite(response, item);
    }

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
                var item = element.Deserialize<T>(CosmosJson.Options)
                    ?? throw new InvalidOperationException($"A null {typeof(T).Name} came back from Cosmos.");
                results.Add(new Stored<T>(item, element.GetProperty("_etag").GetString()!));
            }
        }
        return results;
    }

    /// <summary>Cosmos ids are non-blank, at most 255 characters, without '/', '\\', '?' or '#'.</summary>
    public static bool CanBeId(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 255 && id.IndexOfAny(['/', '\\', '?', '#']) < 0;

    private static Write<T> ToWrite<T>(ResponseMessage response, T item) =>
        ToStatus(response) is { } status
            ? new Write<T>(status, null)
            : new Write<T>(WriteStatus.Done, new Stored<T>(item, response.Headers.ETag));

    private static WriteStatus? ToStatus(ResponseMessage response)
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

    private static MemoryStream Serialize<T>(T item) => new(JsonSerializer.SerializeToUtf8Bytes(item, CosmosJson.Options));

    private static async Task<T> DeserializeAsync<T>(Stream content, CancellationToken ct) =>
        await JsonSerializer.DeserializeAsync<T>(content, CosmosJson.Options, ct)
        ?? throw new InvalidOperationException($"A null {typeof(T).Name} came back from Cosmos.");
}
