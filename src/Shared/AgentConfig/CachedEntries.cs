using System.Collections.Concurrent;

namespace MultiPhone.AgentConfig;

/// <summary>
/// Values read from Cosmos, each reused for at most <c>maxAge</c>: concurrent callers share one read, and a value in
/// use is read again in the background once it is half that old, so callers rarely wait. A value past maxAge is never
/// returned: it is read again first.
/// </summary>
internal sealed class CachedEntries<TKey, T>(TimeProvider time, Func<TimeSpan> maxAge, Func<int> maxEntries) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, CachedEntry<T>> _entries = new();

    public async Task<CachedEntry<T>> GetAsync(TKey key, Func<Task<T>> load)
    {
        var now = time.GetUtcNow();
        var limit = maxAge();
        if (_entries.TryGetValue(key, out var current) && now - current.LoadedAt < limit && current.Loading.IsCompletedSuccessfully)
        {
            if (now - current.LoadedAt >= limit * 0.75)
            {
                RefreshInBackground(key, current, load, now);
            }
            return current;
        }
        var candidate = new CachedEntry<T>(now, load);
        var entry = _entries.AddOrUpdate(key, candidate, (_, existing) =>
            existing.Loading.IsFaulted || existing.Loading.IsCanceled || now - existing.LoadedAt >= limit ? candidate : existing);
        if (ReferenceEquals(entry, candidate) && _entries.Count > maxEntries())
        {
            Trim(now - limit);
        }
        try
        {
            await entry.Loading;
        }
        catch (Exception) when (ReferenceEquals(entry, candidate))
        {
            // A failed read must not be served to the next caller: forget it, then let this caller see the error.
            _entries.TryRemove(new KeyValuePair<TKey, CachedEntry<T>>(key, entry));
            throw;
        }
        return entry;
    }

    /// <summary>
    /// Forgets an entry a change made stale: the next caller reads it again. A read or refresh already under way for
    /// it cannot put it back (it only replaces the entry it started from).
    /// </summary>
    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    /// <summary>Reads the entry again while it is still served; the new one replaces it once read. One refresh per entry.</summary>
    private void RefreshInBackground(TKey key, CachedEntry<T> current, Func<Task<T>> load, DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref current.Refreshing, 1) == 1)
        {
            return;
        }
        var next = new CachedEntry<T>(now, load);
        // A failed refresh changes nothing: the current entry is served until it is stale, then read again in line.
        _ = next.Loading.ContinueWith(
            loaded => loaded.IsCompletedSuccessfully ? _entries.TryUpdate(key, next, current) : loaded.Exception is null,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Trim(DateTimeOffset staleBefore)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LoadedAt < staleBefore)
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

    /// <summary>1 once a background refresh of this entry has started.</summary>
    public int Refreshing;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public Task<T> Loading => _loading.Value;

    public T Value => _loading.Value.Result;

    /// <summary>What was built from this entry (the composed configuration of a phone); replaced whole, never mutated.</summary>
    public object? Derived { get; set; }
}
