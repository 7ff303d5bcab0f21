using System.Collections.Concurrent;
using MultiPhone.Cosmos;
using MultiPhone.Realtime;

namespace MultiPhone.AgentConfig;

/// <summary>
/// Values read from Cosmos, each reused while it is known to match the store as of at most <c>maxAge</c> ago: since
/// its read began, or since the change feed readers last vouched for it (<see cref="FeedCoverage.CurrentAsOf"/>: a
/// change would have marked it stale). Concurrent callers share one read, and a value in use is read again in the
/// background once it is three quarters that old, so callers rarely wait. A value past maxAge is read again before it
/// is returned, unless Cosmos is unavailable (<see cref="CosmosUnavailable"/>): then the last value read is returned,
/// marked stale, rather than none. While <paramref name="reachability"/> says Cosmos did not answer the last read, a
/// stale value is returned at once and read again in the background, one read at a time.
/// </summary>
internal sealed class CachedEntries<TKey, T>(TimeProvider time, Func<TimeSpan> maxAge, Func<int> maxEntries, CosmosReachability reachability)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, CachedEntry<T>> _entries = new();

    /// <param name="feeds">What the change feed readers vouch for now, if anything.</param>
    public async Task<Lookup<T>> GetAsync(TKey key, FeedCoverage? feeds, Func<Task<T>> load)
    {
        var now = time.GetUtcNow();
        var limit = maxAge();
        if (_entries.TryGetValue(key, out var current) && current.Loading.IsCompletedSuccessfully)
        {
            var asOf = current.AsOf(feeds);
            var age = current.Invalidated ? TimeSpan.MaxValue : now - asOf;
            if (age < limit * 0.75)
            {
                return new(current, Stale: false, asOf);
            }
            if (age < limit)
            {
                _ = ReadAgain(key, current, load, now);
                return new(current, Stale: false, asOf);
            }
            if (!reachability.Answering)
            {
                _ = ReadAgain(key, current, load, now);
                return new(current, Stale: true, asOf);
            }
            var next = ReadAgain(key, current, load, now);
            try
            {
                await next.Loading;
                return new(next, Stale: false, next.LoadedAt);
            }
            catch (Exception e) when (CosmosUnavailable.Is(e))
            {
                return new(current, Stale: true, asOf);
            }
        }
        var candidate = new CachedEntry<T>(now, load);
        // A read started before a change (invalidated while it ran) is not shared: this caller reads after the change.
        var entry = _entries.AddOrUpdate(key, candidate, (_, existing) =>
            existing.Invalidated || existing.Loading.IsFaulted || existing.Loading.IsCanceled || now - existing.AsOf(feeds) >= limit ? candidate : existing);
        if (ReferenceEquals(entry, candidate) && _entries.Count > maxEntries())
        {
            Trim(now - limit, feeds);
        }
        try
        {
            await entry.Loading;
            reachability.Answered();
        }
        catch (Exception e) when (ReferenceEquals(entry, candidate))
        {
            // A failed read must not be served to the next caller: forget it, then let this caller see the error.
            _entries.TryRemove(new KeyValuePair<TKey, CachedEntry<T>>(key, entry));
            reachability.Failed(e);
            throw;
        }
        return new(entry, Stale: false, entry.AsOf(feeds));
    }

    /// <summary>
    /// Forgets an entry a change made stale: the next caller reads it again. Its value stays, as a copy marked
    /// invalidated, for when Cosmos does not answer that read; so does a read still under way, whose value is the
    /// fallback once it arrives (removing it would leave a caller that got its answer with nothing to fall back on). A
    /// read again already under way for it cannot put it back (it only replaces the entry it started from, which the
    /// copy replaced).
    /// </summary>
    public void Forget(TKey key)
    {
        while (_entries.TryGetValue(key, out var current)
            && !_entries.TryUpdate(key, new CachedEntry<T>(current.LoadedAt, () => current.Loading) { Invalidated = true }, current))
        {
            // Replaced meanwhile: forget what replaced it.
        }
    }

    /// <summary>
    /// Reads the entry again while it is still served; the new one replaces it once read. One read again at a time per
    /// entry: callers meanwhile share it. After a failed one the current entry stays, and the next caller starts another.
    /// </summary>
    private CachedEntry<T> ReadAgain(TKey key, CachedEntry<T> current, Func<Task<T>> load, DateTimeOffset now)
    {
        var next = new CachedEntry<T>(now, load);
        if (Interlocked.CompareExchange(ref current.Next, next, null) is { } running)
        {
            return running;
        }
        _ = next.Loading.ContinueWith(loaded =>
        {
            if (loaded.IsCompletedSuccessfully)
            {
                reachability.Answered();
                _entries.TryUpdate(key, next, current);
            }
            else
            {
                reachability.Failed(loaded.Exception?.InnerException);
                Volatile.Write(ref current.Next, null);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return next;
    }

    private void Trim(DateTimeOffset staleBefore, FeedCoverage? feeds)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.AsOf(feeds) < staleBefore)
            {
                _entries.TryRemove(new KeyValuePair<TKey, CachedEntry<T>>(key, entry));
            }
        }
    }
}

/// <summary>One read of a value, started at <see cref="LoadedAt"/> (so its age is never underestimated).</summary>
internal sealed class CachedEntry<T>(DateTimeOffset loadedAt, Func<Task<T>> load)
{
    private readonly Lazy<Task<T>> _loading = new(load);

    /// <summary>A change made this entry stale: it is served only when Cosmos does not answer.</summary>
    public bool Invalidated { get; init; }

    /// <summary>The read again of this entry under way, if any.</summary>
    public CachedEntry<T>? Next;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>
    /// When this value is known to have matched the store (see <see cref="FeedCoverage.CurrentAsOf"/>); for one a change
    /// made stale, only when it was read.
    /// </summary>
    public DateTimeOffset AsOf(FeedCoverage? feeds) => feeds is { } covered && !Invalidated ? covered.CurrentAsOf(LoadedAt) : LoadedAt;

    public Task<T> Loading => _loading.Value;

    public T Value => _loading.Value.Result;

    /// <summary>What was built from this entry (the composed configuration of a phone); replaced whole, never mutated.</summary>
    public object? Derived { get; set; }
}

/// <param name="Stale">Served past maxAge, because Cosmos did not answer when it was read again.</param>
/// <param name="AsOf">When the value is known to have matched the store.</param>
internal readonly record struct Lookup<T>(CachedEntry<T> Entry, bool Stale, DateTimeOffset AsOf);

/// <summary>
/// Whether Cosmos answered the cache's last read, shared by all its entries: once one read found it unavailable, the
/// others serve what they have at once instead of each waiting for the deadline in turn.
/// </summary>
internal sealed class CosmosReachability
{
    private volatile bool _answering = true;

    public bool Answering => _answering;

    public void Answered() => _answering = true;

    public void Failed(Exception? exception)
    {
        if (exception is not null && CosmosUnavailable.Is(exception))
        {
            _answering = false;
        }
    }
}
