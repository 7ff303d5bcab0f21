using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cut the history of business {BusinessId} to its cap; its next revision tries again")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception, string businessId);
}
