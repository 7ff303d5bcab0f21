using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MultiPhone.Common;
using NodaTime;
using NodaTime.Extensions;

namespace MultiPhone.AgentConfig;

/// <summary>A configuration as served: the value, the exact response bytes and their ETag.</summary>
public sealed record RenderedConfig(AgentConfiguration Configuration, byte[] Json, string ETag);

/// <summary>
/// The voice agents' hot path. Each phone's snapshot is read from Cosmos at most once per
/// <see cref="AgentConfigOptions.MaxStaleness"/> (concurrent callers share one read), and its rendering for "now" is
/// reused until the snapshot goes stale or the location opens or closes, whichever comes first. Nothing older than
/// MaxStaleness is ever served.
/// </summary>
public sealed class AgentConfigCache(AgentConfigSource source, TimeProvider time, IOptions<AgentConfigOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry<Result<(string BusinessId, string PhoneId)>>> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), Entry<Result<AgentSnapshot>>> _phones = new();

    public async Task<Result<RenderedConfig>> ByNumberAsync(string e164, Instant? at)
    {
        // Loads are shared by concurrent callers, so none of them may cancel it for the others.
        var found = await GetAsync(_numbers, e164, () => source.FindNumberAsync(e164, CancellationToken.None));
        return found.IsOk ? await ByPhoneAsync(found.Value.BusinessId, found.Value.PhoneId, at) : found.Problem;
    }

    public async Task<Result<RenderedConfig>> ByPhoneAsync(string businessId, string phoneId, Instant? at)
    {
        var entry = await GetEntryAsync(_phones, (businessId, phoneId), () => source.LoadAsync(businessId, phoneId, CancellationToken.None));
        var snapshot = entry.Value;
        if (!snapshot.IsOk)
        {
            return snapshot.Problem;
        }
        if (at is { } preview)
        {
            return Render(snapshot.Value, preview).Config;
        }
        var now = time.GetUtcNow().ToInstant();
        if (entry.Rendered is { } rendered && now < rendered.ValidUntil)
        {
            return rendered.Config;
        }
        var fresh = Render(snapshot.Value, now);
        var staleAt = entry.LoadedAt.ToInstant() + Duration.FromTimeSpan(options.Value.MaxStaleness);
        entry.Rendered = fresh with { ValidUntil = fresh.ValidUntil < staleAt ? fresh.ValidUntil : staleAt };
        return fresh.Config;
    }

    private static Rendering Render(AgentSnapshot snapshot, Instant at)
    {
        var configuration = snapshot.At(at);
        var json = JsonSerializer.SerializeToUtf8Bytes(configuration, ApiJson.Options);
        // The ETag covers what an agent acts on: the version and the open/closed state, not the evaluation instant.
        var tag = $"{snapshot.Version}|{configuration.OpenNow}|{configuration.NextChangeAt:O}";
        // Weak: evaluatedAt differs between renderings that mean the same to an agent.
        var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tag)).AsSpan(0, 12))}\"";
        return new Rendering(new RenderedConfig(configuration, json, etag), configuration.NextChangeAt?.ToInstant() ?? Instant.MaxValue);
    }

    private async Task<T> GetAsync<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> entries, TKey key, Func<Task<T>> load) where TKey : notnull =>
        (await GetEntryAsync(entries, key, load)).Value;

    /// <summary>The entry for the key, loading it when missing or stale; one load at a time per key.</summary>
    private async Task<Entry<T>> GetEntryAsync<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> entries, TKey key, Func<Task<T>> load) where TKey : notnull
    {
        var now = time.GetUtcNow();
        var maxAge = options.Value.MaxStaleness;
        if (entries.TryGetValue(key, out var current) && now - current.LoadedAt < maxAge && current.Loading.IsCompletedSuccessfully)
        {
            return current;
        }
        var candidate = new Entry<T>(now, load);
        var entry = entries.AddOrUpdate(key, candidate, (_, existing) =>
            existing.Loading.IsFaulted || existing.Loading.IsCanceled || now - existing.LoadedAt >= maxAge ? candidate : existing);
        if (ReferenceEquals(entry, candidate))
        {
            TrimIfFull(entries, now - maxAge);
        }
        try
        {
            await entry.Loading;
        }
        catch (Exception) when (ReferenceEquals(entry, candidate))
        {
            // A failed read must not be served to the next caller: forget it, then let the caller see the error.
            entries.TryRemove(new KeyValuePair<TKey, Entry<T>>(key, entry));
            throw;
        }
        return entry;
    }

    private void TrimIfFull<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> entries, DateTimeOffset staleBefore) where TKey : notnull
    {
        if (entries.Count <= options.Value.MaxEntries)
        {
            return;
        }
        foreach (var (key, entry) in entries)
        {
            if (entry.LoadedAt < staleBefore)
            {
                entries.TryRemove(new KeyValuePair<TKey, Entry<T>>(key, entry));
            }
        }
    }

    private sealed class Entry<T>
    {
        private readonly Lazy<Task<T>> _loading;

        public Entry(DateTimeOffset loadedAt, Func<Task<T>> load)
        {
            LoadedAt = loadedAt;
            _loading = new Lazy<Task<T>>(load);
        }

        public DateTimeOffset LoadedAt { get; }

        public Task<T> Loading => _loading.Value;

        public T Value => _loading.Value.Result;

        /// <summary>Replaced whole (a reference), so concurrent readers never see half of one.</summary>
        public Rendering? Rendered { get; set; }
    }

    /// <summary>The rendering for "now", reusable until <see cref="ValidUntil"/>.</summary>
    private sealed record Rendering(RenderedConfig Config, Instant ValidUntil);
}
