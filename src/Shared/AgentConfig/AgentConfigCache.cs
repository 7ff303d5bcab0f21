using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using MultiPhone.Realtime;
using MultiPhone.ScheduledChanges;
using NodaTime.Extensions;

namespace MultiPhone.AgentConfig;

/// <summary>A configuration as served: the value, the exact response bytes and their ETag.</summary>
public sealed record RenderedConfig(AgentConfiguration Configuration, byte[] Json, string ETag)
{
    /// <summary>
    /// Set when the configuration is served past <see cref="AgentConfigOptions.MaxStaleness"/> because Cosmos did not
    /// answer: how long ago the oldest of its data was last known to match the store.
    /// </summary>
    public TimeSpan? Age { get; init; }
}

/// <summary>
/// The voice agents' hot path. What all phones of a business share and what each phone has alone are cached apart,
/// so a business's shared data is read once for all its phones. Each entry is used while it is known to match the
/// store as of at most <see cref="AgentConfigOptions.MaxStaleness"/> ago: since it was read, or since this instance's
/// change feed readers last vouched for every container it is made of (<see cref="CacheFeeds"/>; they mark what a
/// change made stale, <see cref="AgentConfigInvalidation"/>), which while they keep up spares reading it again. A
/// phone's composed configuration is reused while both its parts are, and its rendering for "now" for at most
/// MaxStaleness or until the location opens or closes. Nothing older than MaxStaleness is served, unless Cosmos is
/// unavailable: then what was last read is served with its <see cref="RenderedConfig.Age"/>, since a call answered
/// with the configuration of a minute ago beats a call not answered; a number never read is unavailable.
/// </summary>
public sealed class AgentConfigCache
{
    /// <summary>In MaxStaleness: how long after its last use the cache still counts as in use (a lull between calls).</summary>
    private const int InUseFor = 5;

    private readonly AgentConfigSource _source;
    private readonly SchedulePreview _preview;
    private readonly TimeProvider _time;
    private readonly IOptions<AgentConfigOptions> _options;
    private readonly CacheFeeds _feeds;
    private readonly CachedEntries<string, Result<(string BusinessId, string PhoneId)>> _numbers;
    private readonly CachedEntries<string, Result<BusinessPart>> _businesses;
    private readonly CachedEntries<(string, string), Result<PhonePart>> _phones;
    private readonly CosmosReachability _reachability = new();

    public AgentConfigCache(AgentConfigSource source, SchedulePreview preview, TimeProvider time, IOptions<AgentConfigOptions> options, CacheFeeds feeds)
    {
        (_source, _preview, _time, _options, _feeds) = (source, preview, time, options, feeds);
        _numbers = new(time, MaxStaleness, MaxEntries, _reachability);
        _businesses = new(time, MaxStaleness, MaxEntries, _reachability);
        _phones = new(time, MaxStaleness, MaxEntries, _reachability);
    }

    public async Task<Result<RenderedConfig>> ByNumberAsync(string e164, Instant? at)
    {
        var feeds = FeedsInUse();
        // Loads are shared by concurrent callers, so none of them may cancel a load for the others.
        var number = await _numbers.GetAsync(e164, feeds, () => _source.FindNumberAsync(e164, CancellationToken.None));
        var found = number.Entry.Value;
        return found.IsOk ? await ByPhoneAsync(found.Value.BusinessId, found.Value.PhoneId, at, feeds, number) : found.Problem;
    }

    public Task<Result<RenderedConfig>> ByPhoneAsync(string businessId, string phoneId, Instant? at) =>
        ByPhoneAsync(businessId, phoneId, at, FeedsInUse(), number: null);

    /// <summary>
    /// What the change feed readers of every container a configuration is made of vouch for now; and, the cache being in
    /// use, asks them to read four times per MaxStaleness for a while, so that what they vouch for stays younger than
    /// the three quarters of MaxStaleness at which an entry is read again, with room for the reads' own time. Idle,
    /// they keep their slow pace.
    /// </summary>
    private FeedCoverage? FeedsInUse()
    {
        var bound = MaxStaleness();
        if (bound > TimeSpan.Zero)
        {
            _feeds.Want(every: bound / 4, lasting: bound * InUseFor);
        }
        return _feeds.Of(AgentConfigInvalidation.Containers);
    }

    private async Task<Result<RenderedConfig>> ByPhoneAsync(string businessId, string phoneId, Instant? at, FeedCoverage? feeds, Lookup<Result<(string, string)>>? number)
    {
        var phoneLookup = await _phones.GetAsync((businessId, phoneId), feeds, () => _source.LoadPhoneAsync(businessId, phoneId, CancellationToken.None));
        var phone = phoneLookup.Entry;
        if (!phone.Value.IsOk)
        {
            return phone.Value.Problem;
        }
        var businessLookup = await _businesses.GetAsync(businessId, feeds, () => _source.LoadBusinessAsync(businessId, CancellationToken.None));
        var business = businessLookup.Entry;
        if (!business.Value.IsOk)
        {
            return business.Value.Problem;
        }
        if (at is { } instant && await _preview.AtAsync(businessId, instant.ToDateTimeOffset(), CancellationToken.None) is var pending && pending.Touches(phoneId))
        {
            // A preview with scheduled changes due by then: composed for the occasion, never cached.
            return Render(AgentConfigSource.Compose(business.Value.Value, phone.Value.Value, pending), instant).Config;
        }
        var config = Reuse(phone, phone.Value.Value, business.Value.Value, at);
        if (number is not { Stale: true } && !phoneLookup.Stale && !businessLookup.Stale)
        {
            return config;
        }
        var oldest = new[] { number?.AsOf ?? phoneLookup.AsOf, phoneLookup.AsOf, businessLookup.AsOf }.Min();
        return config with { Age = _time.GetUtcNow() - oldest };
    }

    /// <summary>
    /// The phone's configuration, composed again only when its parts changed, and rendered again when the open/closed
    /// state changed or at least once per MaxStaleness (its evaluatedAt stays that recent while its parts are trusted).
    /// </summary>
    private RenderedConfig Reuse(CachedEntry<Result<PhonePart>> phone, PhonePart phonePart, BusinessPart business, Instant? at)
    {
        var composed = phone.Derived is Composed existing && ReferenceEquals(existing.Business, business)
            ? existing
            : (Composed)(phone.Derived = new Composed(business, AgentConfigSource.Compose(business, phonePart)));
        if (at is { } preview)
        {
            return Render(composed.Snapshot, preview).Config;
        }
        var now = _time.GetUtcNow().ToInstant();
        if (composed.Rendered is { } rendered && now < rendered.ValidUntil)
        {
            return rendered.Config;
        }
        var fresh = Render(composed.Snapshot, now);
        var staleAt = now + Duration.FromTimeSpan(MaxStaleness());
        composed.Rendered = fresh with { ValidUntil = fresh.ValidUntil < staleAt ? fresh.ValidUntil : staleAt };
        return fresh.Config;
    }

    /// <summary>Drops what every phone of the business shares (business, primary, defaults, staff, business-wide services).</summary>
    public void ForgetBusiness(string businessId) => _businesses.Forget(businessId);

    /// <summary>Drops what one phone has alone (phone, overrides, staff list, switched-off and own services).</summary>
    public void ForgetPhone(string businessId, string phoneId) => _phones.Forget((businessId, phoneId));

    /// <summary>Drops which phone a number belongs to.</summary>
    public void ForgetNumber(string e164) => _numbers.Forget(e164);

    private TimeSpan MaxStaleness() => _options.Value.MaxStaleness;

    private int MaxEntries() => _options.Value.MaxEntries;

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

    /// <summary>A phone's snapshot and the business part it was composed with; its rendering is replaced whole.</summary>
    private sealed class Composed(BusinessPart business, AgentSnapshot snapshot)
    {
        public BusinessPart Business { get; } = business;

        public AgentSnapshot Snapshot { get; } = snapshot;

        public Rendering? Rendered { get; set; }
    }

    /// <summary>The rendering for "now", reusable until <see cref="ValidUntil"/>.</summary>
    private sealed record Rendering(RenderedConfig Config, Instant ValidUntil);
}
