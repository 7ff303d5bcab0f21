using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MultiPhone.AgentConfig;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary>The hot path's cache, on a clock the test moves: changes reach agents within MaxStaleness, never later.</summary>
public sealed class AgentConfigCacheTests(CachingApiFactory api) : IClassFixture<CachingApiFactory>
{
    [Fact]
    public async Task AChangeIsServedOnceTheCachedCopyIsAsOldAsMaxStalenessAndNotLater()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));
        var url = $"/api/v2/voice/agent-config?to={Uri.EscapeDataString(phone.PhoneNumber)}";
        var before = await (await agent.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<AgentConfiguration>();

        await PutSignatureAsync(tenant, phone.Id, "Changed");
        var cached = await (await agent.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<AgentConfiguration>();
        api.Clock.Advance(CachingApiFactory.MaxStaleness);
        var after = await (await agent.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<AgentConfiguration>();

        Assert.Equal(before.Version, cached.Version);
        Assert.Equal("Changed", after.Sms.Effective.Signature);
    }

    [Fact]
    public async Task OpenNowFlipsAtTheNextChangeEvenWhileTheDataIsCached()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var closesAt = NextLocalMinute(api.Clock.GetUtcNow().AddSeconds(2), zone);
        await PutHoursClosingAtAsync(tenant, phone.Id, TimeZoneInfo.ConvertTime(closesAt, zone));
        api.Clock.SetUtcNow(closesAt.AddMilliseconds(-500));
        using var agent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));
        var url = $"/api/v2/voice/agent-config?to={Uri.EscapeDataString(phone.PhoneNumber)}";

        var open = await (await agent.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<AgentConfiguration>();
        api.Clock.Advance(TimeSpan.FromMilliseconds(600));
        var closed = await (await agent.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<AgentConfiguration>();

        Assert.Equal((true, closesAt), (open.OpenNow, open.NextChangeAt));
        Assert.Equal(open.Version, closed.Version);
        Assert.False(closed.OpenNow);
    }

    /// <summary>The first whole local minute after <paramref name="after"/> that is not midnight (a period cannot close at 00:00).</summary>
    private static DateTimeOffset NextLocalMinute(DateTimeOffset after, TimeZoneInfo zone)
    {
        var minute = new DateTimeOffset(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, after.Offset).AddMinutes(1);
        return TimeZoneInfo.ConvertTime(minute, zone).TimeOfDay == TimeSpan.Zero ? minute.AddMinutes(1) : minute;
    }

    private static async Task PutSignatureAsync(Tenant tenant, string phoneId, string signature) =>
        (await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phoneId}/settings/sms"), new { signature }, "\"v0\"")).EnsureSuccessStatusCode();

    /// <summary>Open from midnight until <paramref name="closesAt"/> (a whole minute, local time) that day, then closed.</summary>
    private static async Task PutHoursClosingAtAsync(Tenant tenant, string phoneId, DateTimeOffset closesAt)
    {
        var day = closesAt.DayOfWeek.ToString().ToLowerInvariant();
        var response = await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phoneId}/settings/hours"), new
        {
            weekly = new[] { new { day, open = "00:00", close = closesAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) } },
        }, "\"v0\"");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>The app with the cache on (MaxStaleness 1 s) and a clock the test moves.</summary>
public sealed class CachingApiFactory : ApiFactory
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [.. base.Settings(), ("AgentConfig:MaxStaleness", MaxStaleness.ToString())];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
