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
/// The voice agents' hot path. What all phones of a business share and what each phone has alone are cached apart,
/// each for at most <see cref="AgentConfigOptions.MaxStaleness"/>, so a business's shared data is read once for all its
/// phones. A phone's composed configuration is reused while both its parts are, and its rendering for "now" until the
/// parts go stale or the location opens or closes, whichever comes first. Nothing older than MaxStaleness is served.
/// </summary>
public sealed class AgentConfigCache
{
    private readonly AgentConfigSource _source;
    private readonly TimeProvider _time;
    private readonly IOptions<AgentConfigOptions> _options;
    private readonly CachedEntries<string, Result<(string BusinessId, string PhoneId)>> _numbers;
    private readonly CachedEntries<string, Result<BusinessPart>> _businesses;
    private readonly CachedEntries<(string, string), Result<PhonePart>> _phones;

    public AgentConfigCache(AgentConfigSource source, TimeProvider time, IOptions<AgentConfigOptions> options)
    {
        (_source, _time, _options) = (source, time, options);
        _numbers = new(time, MaxStaleness, MaxEntries);
        _businesses = new(time, MaxStaleness, MaxEntries);
        _phones = new(time, MaxStaleness, MaxEntries);
    }

    public async Task<Result<RenderedConfig>> ByNumberAsync(string e164, Instant? at)
    {
        // Loads are shared by concurrent callers, so none of them may cancel a load for the others.
        var found = (await _numbers.GetAsync(e164, () => _source.FindNumberAsync(e164, CancellationToken.None))).Value;
        return found.IsOk ? await ByPhoneAsync(found.Value.BusinessId, found.Value.PhoneId, at) : found.Problem;
    }

    public async Task<Result<RenderedConfig>> ByPhoneAsync(string businessId, string phoneId, Instant? at)
    {
        var phone = await _phones.GetAsync((businessId, phoneId), () => _source.LoadPhoneAsync(businessId, phoneId, CancellationToken.None));
        if (!phone.Value.IsOk)
        {
            return phone.Value.Problem;
        }
        var business = await _businesses.GetAsync(businessId, () => _source.LoadBusinessAsync(businessId, CancellationToken.None));
        if (!business.Value.IsOk)
        {
            return business.Value.Problem;
        }
        var composed = phone.Derived is Composed existing && ReferenceEquals(existing.Business, business.Value.Value)
            ? existing
            : (Composed)(phone.Derived = new Composed(business.Value.Value, AgentConfigSource.Compose(business.Value.Value, phone.Value.Value)));
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
        var loadedAt = business.LoadedAt < phone.LoadedAt ? business.LoadedAt : phone.LoadedAt;
        var staleAt = loadedAt.ToInstant() + Duration.FromTimeSpan(MaxStaleness());
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
