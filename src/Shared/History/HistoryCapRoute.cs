using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using MultiPhone.Cosmos;
using MultiPhone.Realtime;

namespace MultiPhone.History;

/// <summary>
/// Keeps each business within <see cref="HistoryOptions.MaxRevisionsPerBusiness"/>: when a revision of a business
/// comes through the change feed, its revisions beyond the cap are deleted, oldest first, at most once per
/// <see cref="HistoryOptions.CapCheckInterval"/> per business on this instance. It sends no message.
/// </summary>
internal sealed partial class HistoryCapRoute(HistoryStore store, IOptions<HistoryOptions> options, TimeProvider time, ILogger<HistoryCapRoute> logger)
    : IChangeRoute
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _checked = new(StringComparer.Ordinal);

    public string Container => ChangeRouter.RevisionsFeed;

    public async Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        if (!Checks(change))
        {
            return [];
        }
        var now = time.GetUtcNow();
        if (_checked.TryGetValue(change.BusinessId, out var last) && now - last < options.Value.CapCheckInterval)
        {
            return [];
        }
        if (_checked.Count >= MaxRemembered)
        {
            _checked.Clear();
        }
        _checked[change.BusinessId] = now;
        try
        {
            await store.TrimAsync(change.BusinessId, options.Value.MaxRevisionsPerBusiness, ct);
        }
        catch (Exception e) when (e is CosmosException or HttpRequestException && !ct.IsCancellationRequested)
        {
            // The messages of the change must still go out; the business's next revision checks again.
            _checked.TryRemove(change.BusinessId, out _);
            LogTrimFailed(logger, e, change.BusinessId);
        }
        return [];
    }

    /// <summary>
    /// Whether a revision makes its business checked against the cap: every one but the migration's. The migration
    /// writes a business's first revisions, at most six, once: they cannot take it far past the cap, and the checks
    /// (a query in each of the seven containers that keep history) were a fifth of the requests of a migration run.
    /// The business's next revision by anyone else checks it.
    /// </summary>
    internal static bool Checks(ChangedDocument revision) =>
        !(revision.Json.TryGetProperty("actor", out var actor) && actor.TryGetProperty("kind", out var kind)
            && kind.ValueEquals(JsonNamingPolicy.CamelCase.ConvertName(nameof(AuthorKind.Migration))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cut the history of business {BusinessId} to its cap; its next revision tries again")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception, string businessId);
}
