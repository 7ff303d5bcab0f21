using System.Collections.Concurrent;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace MultiPhone.Realtime;

/// <summary>
/// Paces every change feed read this instance makes (the processors' and the cache's), per container, so an idle
/// app costs Cosmos little and a busy one is still read at once. A Cosmos request handler, because the change feed
/// processor polls on its own and offers no other way in:
/// <list type="bullet">
/// <item>a read of a quiet container's feed waits first, longer after each empty read (<see cref="PollBackoff"/>:
/// <see cref="RealtimeOptions.PollInterval"/> up to <see cref="RealtimeOptions.MaxPollInterval"/>); a read that finds
/// changes lets the next one go at once;</item>
/// <item>a document this instance wrote to a container whose feed it reads wakes that feed's waiting reads at once
/// (every write goes through this client, so any container with a route is covered, without a list): the writer's
/// own changes are announced without the backoff. Another instance's changes are found by the next read, at most
/// MaxPollInterval after the last one.</item>
/// <item>a cache's readers (the reads that <see cref="Track"/>) keep a pace of their own per container, so that while
/// the cache relies on them (<see cref="CacheFeeds.WantedEvery"/>) they alone wait no longer than it wants: a cache
/// in use needs them read promptly, the processor of the same feed and an idle app do not.</item>
/// </list>
/// Time here is the real clock whatever the app's TimeProvider: it paces requests, not business time.
/// </summary>
public sealed class ChangeFeedPacer(IOptions<RealtimeOptions> options, CacheFeeds feeds) : RequestHandler
{
    private static readonly AsyncLocal<TrackedRead?> Tracked = new();

    private readonly ConcurrentDictionary<(string Container, bool Tracked), Pace> _paces = new();

    /// <summary>
    /// Notes when the next change feed read of the calling async flow really begins (when its first request is let go
    /// after waiting here, not when the read was asked for) and whether every request it made was answered. Call right
    /// before the read.
    /// </summary>
    public static TrackedRead Track(TimeProvider time) => Tracked.Value = new TrackedRead(time);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var container = ContainerOf(request.RequestUri);
        if (container is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        if (request.Headers["A-IM"] is not null)
        {
            var tracked = Tracked.Value;
            var pace = _paces.GetOrAdd((container, tracked is not null), _ => new Pace());
            var ticket = await pace.WaitAsync(cancellationToken);
            tracked?.Sent();
            var found = false;
            var answered = false;
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                found = response.StatusCode == HttpStatusCode.OK;
                answered = found || response.StatusCode == HttpStatusCode.NotModified;
                return response;
            }
            finally
            {
                tracked?.Answered(answered);
                // A failed read counts as empty: an unreachable Cosmos is asked less and less often, not in a loop.
                pace.Read(found, ticket, BackoffOf(tracked is not null));
            }
        }
        var written = await base.SendAsync(request, cancellationToken);
        if (written.IsSuccessStatusCode && IsWrite(request))
        {
            foreach (var tracked in (bool[])[false, true])
            {
                if (_paces.TryGetValue((container, tracked), out var nudged))
                {
                    nudged.Wake();
                }
            }
        }
        return written;
    }

    private PollBackoff BackoffOf(bool tracked)
    {
        var (fastest, slowest) = (options.Value.PollInterval, options.Value.MaxPollInterval);
        if (tracked && feeds.WantedEvery is { } wanted && wanted < slowest)
        {
            slowest = wanted < fastest ? fastest : wanted;
        }
        return new(fastest, slowest);
    }

    /// <summary>The container a request names (<c>dbs/{db}/colls/{container}/...</c>), if any.</summary>
    internal static string? ContainerOf(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }
        var segments = (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var colls = Array.IndexOf(segments, "colls");
        return colls >= 0 && colls + 1 < segments.Length ? Uri.UnescapeDataString(segments[colls + 1]) : null;
    }

    /// <summary>
    /// A change of documents: not a read, a query (a POST too) or a query plan. Taking one for a write would only cost
    /// a read of that feed sooner.
    /// </summary>
    private static bool IsWrite(RequestMessage request) =>
        request.Method != HttpMethod.Get && request.Method != HttpMethod.Head
        && request.Headers["x-ms-documentdb-isquery"] is null
        && request.Headers["x-ms-cosmos-is-query-plan-request"] is null
        && request.Headers["Content-Type"] != "application/query+json";

    /// <summary>
    /// One change feed read as the pacer saw it. Over several ranges the SDK answers "not modified" even when a range's
    /// request failed (the error comes with the next read), so a reader tells a complete read by this, not by the answer.
    /// </summary>
    public sealed class TrackedRead(TimeProvider time)
    {
        private bool _failed;

        /// <summary>When its first request was let go; null if none was.</summary>
        public DateTimeOffset? Began { get; private set; }

        /// <summary>Every request it made was answered with changes or "not modified".</summary>
        public bool Complete => Began is not null && !_failed;

        internal void Sent() => Began ??= time.GetUtcNow();

        internal void Answered(bool ok) => _failed |= !ok;
    }

    /// <summary>One container's pace, shared by its processor's reads of its feed on this instance, or its cache reader's.</summary>
    private sealed class Pace
    {
        private readonly Lock _lock = new();
        private TimeSpan _wait;
        private long _due;
        private long _wakes;
        private TaskCompletionSource _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Waits until the next read is due or a write wakes the feed; returns what <see cref="Read"/> needs.</summary>
        public async Task<long> WaitAsync(CancellationToken ct)
        {
            Task woken;
            TimeSpan left;
            long wakes;
            lock (_lock)
            {
                left = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), _due);
                woken = _woken.Task;
                wakes = _wakes;
            }
            if (left > TimeSpan.Zero)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(Task.Delay(left, stop.Token), woken);
                await stop.CancelAsync();
                ct.ThrowIfCancellationRequested();
                lock (_lock)
                {
                    wakes = _wakes;
                }
            }
            return wakes;
        }

        /// <param name="found">The read found changes.</param>
        /// <param name="wakesBefore">What <see cref="WaitAsync"/> returned for this read.</param>
        /// <param name="backoff">The pace's bounds.</param>
        public void Read(bool found, long wakesBefore, PollBackoff backoff)
        {
            lock (_lock)
            {
                var now = TimeProvider.System.GetTimestamp();
                if (found || _wakes != wakesBefore)
                {
                    // Busy, or written to while this read was under way (it may have missed that write): read again now.
                    _wait = TimeSpan.Zero;
                    _due = now;
                }
                else if (now >= _due)
                {
                    // The first empty read of this round schedules the next; its other readers (the processor reads
                    // the feed by lease, one per range) keep that schedule.
                    _wait = backoff.After(_wait);
                    _due = now + (long)(_wait.TotalSeconds * TimeProvider.System.TimestampFrequency);
                }
            }
        }

        public void Wake()
        {
            TaskCompletionSource woken;
            lock (_lock)
            {
                _wait = TimeSpan.Zero;
                _due = TimeProvider.System.GetTimestamp();
                _wakes++;
                woken = _woken;
                _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            woken.TrySetResult();
        }
    }
}
