using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultiPhone.Realtime;

/// <summary>
/// Reads the Cosmos change feed, the one source of realtime messages, two ways:
/// <list type="bullet">
/// <item>the change feed processor, one per container the channels report on, with leases in <c>leases</c>: across
/// instances each part of the feed is read by one of them (the leases split the work and move when an instance
/// stops), checkpointed after its messages are sent, so every change is routed at least once;</item>
/// <item>a pull-model reader per instance from "now" with its position in memory, because every instance must drop
/// what a change made stale in its own agent-configuration cache, not only the one that routes it. Each publishes how
/// far it has read (<see cref="CacheFeeds"/>), which lets the cache trust its entries instead of reading them again.
/// They read only while the cache is in use, and start from "now" again when it is used after a rest.</item>
/// </list>
/// Both are paced by <see cref="ChangeFeedPacer"/>: a quiet feed is read less and less often, a write of this
/// instance wakes it.
/// </summary>
public sealed partial class ChangeFeedListener(
    Database database,
    ChangeRouter router,
    IRealtimeTransport transport,
    IEnumerable<IChangeObserver> observers,
    IOptions<RealtimeOptions> options,
    CacheFeeds cacheFeeds,
    TimeProvider time,
    ILogger<ChangeFeedListener> logger) : BackgroundService
{
    public const string LeasesContainer = "leases";

    private static readonly TimeSpan ProcessorPollDelay = TimeSpan.FromMilliseconds(10);

    private readonly List<ChangeFeedProcessor> _processors = [];
    private readonly SentVersions _sent = new();

    /// <summary>The processor (and lease prefix) of a routed container.</summary>
    private static string ProcessorName(string container) => $"realtime.{container}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ChangeFeed)
        {
            return;
        }
        await StartProcessorsAsync(stoppingToken);
        await KeepCacheFreshAsync(stoppingToken);
    }

    /// <summary>Starts a processor per routed container; Cosmos being unreachable at start only delays it.</summary>
    private async Task StartProcessorsAsync(CancellationToken ct)
    {
        var instance = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        foreach (var name in router.Containers)
        {
            if (ct.IsCancellationRequested)
            {
                return;
            }
            while (true)
            {
                try
                {
                    _processors.Add(await StartProcessorAsync(name, instance));
                    break;
                }
                catch (Exception e) when (e is CosmosException or HttpRequestException && !ct.IsCancellationRequested)
                {
                    LogStartFailed(logger, e, name);
                    await Task.Delay(TimeSpan.FromSeconds(5), ct);
                }
            }
        }
    }

    private async Task<ChangeFeedProcessor> StartProcessorAsync(string name, string instance)
    {
        var processor = database.GetContainer(name)
            .GetChangeFeedProcessorBuilder(ProcessorName(name), (Container.ChangeFeedStreamHandler)((_, changes, ct) => RouteAsync(name, changes, ct)))
            .WithInstanceName(instance)
            .WithLeaseContainer(database.GetContainer(LeasesContainer))
            .WithLeaseConfiguration(options.Value.LeaseAcquireInterval, options.Value.LeaseExpiration, options.Value.LeaseRenewInterval)
            // The pacer decides when the next read goes (it holds the read back): this only keeps an empty feed from
            // being read in a tight loop should it not.
            .WithPollInterval(ProcessorPollDelay)
            // A first start begins now; afterwards each lease continues from its checkpoint.
            .WithStartTime(DateTime.UtcNow)
            .WithErrorNotification((lease, error) =>
            {
                LogProcessorError(logger, error, name, lease);
                return Task.CompletedTask;
            })
            .Build();
        await processor.StartAsync();
        return processor;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // ExecuteAsync ends first, so no processor is still being started (and added) while the others stop: a host
        // stopped right after it started used to fail to stop ("Collection was modified").
        await base.StopAsync(cancellationToken);
        foreach (var processor in _processors)
        {
            await processor.StopAsync();
        }
    }

    private async Task RouteAsync(string container, Stream changes, CancellationToken ct)
    {
        // A burst of writes arrives as one batch; what the router reads for it (a business's phones, a section's
        // layers) is read once for the batch, not once per change.
        var reads = router.ReadsForOneBatch();
        using var page = await JsonDocument.ParseAsync(changes, cancellationToken: ct);
        foreach (var change in Changes(container, page))
        {
            // This instance answers agents too: what it is about to announce must already be fresh here.
            Observe(change);
            IReadOnlyList<ChangeMessage> messages;
            try
            {
                messages = await router.RouteAsync(change, reads, ct);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // A document the router cannot read would otherwise stop the feed for every later change.
                LogUnroutable(logger, e, container, change.Id);
                continue;
            }
            // A failed send fails the batch: the processor does not checkpoint it and delivers it again.
            await Parallel.ForEachAsync(messages.Where(_sent.IsNew), new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelSends, CancellationToken = ct },
                async (message, token) =>
                {
                    await transport.SendAsync(message.Channel, message, token);
                    _sent.Sent(message);
                });
        }
    }

    private Task KeepCacheFreshAsync(CancellationToken ct) =>
        Task.WhenAll(observers.SelectMany(o => o.Containers).Distinct().Select(name => FollowForCacheAsync(name, ct)));

    /// <summary>Follows one container's feed for the cache while the cache is in use; rests while it is not.</summary>
    private async Task FollowForCacheAsync(string name, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await cacheFeeds.WhenWantedAsync(ct);
                await FollowWhileWantedAsync(name, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Reads one container's feed from now until the cache is no longer in use; each read waits in the pacer while the
    /// feed is quiet. A complete read that finds nothing new read every part of the feed after it began (the SDK asks
    /// every range before it answers "not modified"), and every change before it was applied by then: so every change
    /// committed between this reader's start and that read's beginning has marked what it made stale, which is what it
    /// publishes. What it published before a rest covers nothing read since: a new start publishes from its own.
    /// </summary>
    private async Task FollowWhileWantedAsync(string name, CancellationToken ct)
    {
        var feed = database.GetContainer(name).GetChangeFeedStreamIterator(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion);
        // Until its first read has answered, a reader started "from now" has no position: it covers nothing yet.
        DateTimeOffset? from = null;
        while (!ct.IsCancellationRequested && cacheFeeds.WantedEvery is not null)
        {
            var read = ChangeFeedPacer.Track(time);
            try
            {
                using var page = await feed.ReadNextAsync(ct);
                if (page.StatusCode == HttpStatusCode.NotModified)
                {
                    if (read is { Complete: true, Began: { } began })
                    {
                        if (from is { } start)
                        {
                            cacheFeeds.Covered(name, new FeedCoverage(start, began));
                        }
                        from ??= time.GetUtcNow();
                    }
                    continue;
                }
                page.EnsureSuccessStatusCode();
                using var changes = await JsonDocument.ParseAsync(page.Content, cancellationToken: ct);
                foreach (var change in Changes(name, changes))
                {
                    Observe(change);
                }
            }
            catch (Exception e) when (e is CosmosException or HttpRequestException && !ct.IsCancellationRequested)
            {
                // The position is kept; the next read (paced as an empty one) asks for the same page again.
                // Meanwhile nothing more is published, so the cache falls back to reading its entries again.
                LogCacheFeedError(logger, e, name);
            }
        }
    }

    private void Observe(ChangedDocument change)
    {
        if (change.IsRevision)
        {
            // A record of a change, not configuration: what it records arrives as a change of its own.
            return;
        }
        foreach (var observer in observers.Where(o => o.Containers.Contains(change.Container)))
        {
            observer.Apply(change);
        }
    }

    /// <summary>
    /// The changes of a page of the feed, as views into it rather than copies: a page is handled, messages and all,
    /// before it is disposed, and a copy of every document and revision the feed carries is garbage for the collector.
    /// </summary>
    private static IEnumerable<ChangedDocument> Changes(string container, JsonDocument page) =>
        page.RootElement.GetProperty("Documents").EnumerateArray().Select(d => new ChangedDocument(container, d));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed processor of {Container} failed on lease {Lease}; it retries")]
    private static partial void LogProcessorError(ILogger logger, Exception exception, string container, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start the change feed processor of {Container}; trying again in 5 s")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not route document {Id} of {Container}; it was skipped")]
    private static partial void LogUnroutable(ILogger logger, Exception exception, string container, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change feed of {Container} for the cache failed; it retries")]
    private static partial void LogCacheFeedError(ILogger logger, Exception exception, string container);
}
