namespace MultiPhone.Realtime;

/// <summary>
/// Turns one changed document from the change feed into channel messages: hands it to the routes the features
/// registered for its container, in the order they were registered.
/// </summary>
public sealed class ChangeRouter(IEnumerable<IChangeRoute> routes)
{
    /// <summary>
    /// What the routes of revisions name as their container: revisions live in many containers (beside the documents
    /// they record) and are routed alike, apart from those documents' routes.
    /// </summary>
    public const string RevisionsFeed = "*revisions";

    private readonly ILookup<string, IChangeRoute> _routes = routes.ToLookup(r => r.Container, StringComparer.Ordinal);

    /// <summary>The containers whose documents the channels report on.</summary>
    public IEnumerable<string> Containers => _routes.Select(r => r.Key).Where(name => name != RevisionsFeed);

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, CancellationToken ct) => RouteAsync(change, ReadsForOneBatch(), ct);

    /// <summary>Reads for routing one batch of the change feed (<see cref="ChangeReads"/> says why one read serves the batch).</summary>
    public ChangeReads ReadsForOneBatch() => new();

    /// <param name="change">The changed document.</param>
    /// <param name="reads">Where to read what the change affects: <see cref="ReadsForOneBatch"/> for a batch of the feed.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        if (change.BusinessId.Length == 0)
        {
            return [];
        }
        var messages = new List<ChangeMessage>();
        foreach (var route in _routes[change.IsRevision ? RevisionsFeed : change.Container])
        {
            messages.AddRange(await route.RouteAsync(change, reads, ct));
        }
        return messages;
    }
}
