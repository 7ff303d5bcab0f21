using System.Text.Json;
using MultiPhone.Cosmos;

namespace MultiPhone.Realtime;

/// <summary>
/// A document as the change feed gives it: its latest version, with Cosmos's system properties. <see cref="Json"/> is
/// a view into the page of the feed it came in, valid while that page is handled: what outlives it is copied out.
/// </summary>
public sealed record ChangedDocument(string Container, JsonElement Json)
{
    public string Id => Json.GetProperty("id").GetString()!;

    public string BusinessId => Json.TryGetProperty("businessId", out var business) ? business.GetString() ?? "" : "";

    /// <summary>Removed by <see cref="ContainerExtensions.RemoveAsync{T}"/>: the feed's only sign of a removal.</summary>
    public bool IsRemoved => ContainerExtensions.IsRemoved(Json);

    /// <summary>A revision stored beside the container's documents (History/): routed by the routes of <see cref="ChangeRouter.RevisionsFeed"/>.</summary>
    public bool IsRevision => ContainerExtensions.IsRevision(Json);

    /// <summary>Cosmos's log sequence number: grows with every write to the document.</summary>
    public long Lsn => Json.TryGetProperty("_lsn", out var lsn) && lsn.TryGetInt64(out var value) ? value : 0;

    public string? ChangedBy => Json.TryGetProperty(ContainerExtensions.ChangedByProperty, out var by) ? by.GetString() : null;

    public DateTimeOffset ChangedAt =>
        Time(ContainerExtensions.RemovedAtProperty) ?? Time("updatedAt")
        ?? (Json.TryGetProperty("_ts", out var ts) ? DateTimeOffset.FromUnixTimeSeconds(ts.GetInt64()) : DateTimeOffset.UnixEpoch);

    public T As<T>() => Json.Deserialize<T>(CosmosJson.Options) ?? throw new JsonException($"A null {typeof(T).Name} in the change feed.");

    private DateTimeOffset? Time(string property) =>
        Json.TryGetProperty(property, out var value) && value.TryGetDateTimeOffset(out var time) ? time : null;
}
