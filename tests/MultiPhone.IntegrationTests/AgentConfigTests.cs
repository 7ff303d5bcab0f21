using MultiPhone.Common;
using System.Net;
using System.Net.Http.Headers;
using MultiPhone.AgentConfig;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Settings;

namespace MultiPhone.IntegrationTests;

public sealed class AgentConfigTests(ApiFactory api)
{
    [Fact]
    public async Task AVoiceAgentLoadsTheDialedNumbersResolvedConfiguration()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Downtown");
        await PutAsync(tenant, "/settings/defaults/voice", new { greeting = "Business greeting" }, "\"v0\"");
        await PutAsync(tenant, $"/phone-numbers/{phone.Id}/settings/voice", new { agentName = "Zoe" }, "\"v0\"");
        using var agent = VoiceAgent();

        var response = await agent.GetAsync($"/api/v2/voice/agent-config?to={Uri.EscapeDataString(phone.PhoneNumber)}", TestContext.Current.CancellationToken);

        var config = await response.ReadAsync<AgentConfiguration>();
        Assert.Equal((phone.Id, "Downtown", true, true), (config.Phone.Id, config.Phone.DisplayName, config.Phone.IsActive, config.Phone.IsPrimary));
        Assert.Equal((tenant.BusinessId, "Zoe", "Business greeting"), (config.Business.Id, config.Voice.Effective.AgentName, config.Voice.Effective.Greeting));
        Assert.Equal((SettingSource.Phone, SettingSource.Business, SettingSource.System),
            (config.Voice.Sources["agentName"], config.Voice.Sources["greeting"], config.Voice.Sources["language"]));
        Assert.Equal((true, true), (response.Headers.CacheControl?.Private, response.Headers.CacheControl?.NoCache));
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task AnUnencodedPlusStillFindsTheNumberAndGarbageIsABadRequest()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = VoiceAgent();

        var unencoded = await agent.GetAsync($"/api/v2/voice/agent-config?to={phone.PhoneNumber}", TestContext.Current.CancellationToken);
        var garbage = await agent.GetAsync("/api/v2/voice/agent-config?to=call-me", TestContext.Current.CancellationToken);

        Assert.Equal(phone.Id, (await unencoded.ReadAsync<AgentConfiguration>()).Phone.Id);
        Assert.Equal(["to"], (await garbage.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
    }

    [Fact]
    public async Task AnUnknownNumberIsNotFound()
    {
        using var agent = VoiceAgent();

        var response = await agent.GetAsync($"/api/v2/voice/agent-config?to={Uri.EscapeDataString(Numbers.NextUs())}", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task OnlyVoiceAgentsAndOpsLoadConfigurationsByNumber()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = $"/api/v2/voice/agent-config?to={Uri.EscapeDataString(phone.PhoneNumber)}";
        using var anonymous = api.ClientWithToken(null);
        using var ops = api.Ops();

        await (await tenant.Admin.GetAsync(url, TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await anonymous.GetAsync(url, TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AnInactivePhoneSaysSo()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreatePhoneAsync(Numbers.NextUs());
        var created = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs(), isActive: false));
        var phone = await created.ReadAsync<MultiPhone.PhoneNumbers.PhoneNumberResponse>(HttpStatusCode.Created);

        var config = await tenant.GetAgentConfigAsync(phone.Id);

        Assert.False(config.Phone.IsActive);
    }

    [Fact]
    public async Task AnUnchangedConfigurationRevalidatesWithNotModifiedAndAChangeGivesANewVersion()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = VoiceAgent();
        var url = $"/api/v2/voice/agent-config?to={Uri.EscapeDataString(phone.PhoneNumber)}";
        var first = await agent.GetAsync(url, TestContext.Current.CancellationToken);
        var version = (await first.ReadAsync<AgentConfiguration>()).Version;

        var unchanged = await RevalidateAsync(agent, url, first.Headers.ETag!);
        await PutAsync(tenant, $"/phone-numbers/{phone.Id}/settings/sms", new { signature = "New signature" }, "\"v0\"");
        var changed = await RevalidateAsync(agent, url, first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        var config = await changed.ReadAsync<AgentConfiguration>();
        Assert.NotEqual(version, config.Version);
        Assert.Equal("New signature", config.Sms.Effective.Signature);
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
    }

    [Fact]
    public async Task APreviewEvaluatesTheHoursAtTheGivenInstantInThePhonesTimeZone()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await PutAsync(tenant, $"/phone-numbers/{phone.Id}/settings/hours", new
        {
            weekly = new[] { new { day = "monday", open = "09:00", close = "17:00" } },
        }, "\"v0\"");

        // Monday 2026-11-30 10:00 in New York is 15:00 UTC; the next Monday opening after Sunday noon is 14:00 UTC.
        var monday = await tenant.GetAgentConfigAsync(phone.Id, "2026-11-30T15:00:00Z");
        var sunday = await tenant.GetAgentConfigAsync(phone.Id, "2026-11-29T17:00:00Z");

        Assert.Equal((true, DateTimeOffset.Parse("2026-11-30T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), (monday.OpenNow, monday.NextChangeAt));
        Assert.Equal((false, DateTimeOffset.Parse("2026-11-30T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), (sunday.OpenNow, sunday.NextChangeAt));
    }

    [Fact]
    public async Task StaffWhoTakeTransfersAndTheServicesOfferedAreIncluded()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var transfers = await CreateAsync(tenant, "/staff", new { name = "Dr. Lee", phone = "+14155550123" });
        var noTransfers = await CreateAsync(tenant, "/staff", new { name = "Sam", phone = "+14155550124" });
        await PutAsync(tenant, $"/phone-numbers/{phone.Id}/staff", new
        {
            assignments = new[] { new { staffId = transfers, role = "Dentist", acceptsTransfers = true }, new { staffId = noTransfers, role = "Hygienist", acceptsTransfers = false } },
        }, "\"v0\"");
        var kept = await CreateAsync(tenant, "/services", new { name = "Cleaning" });
        var switchedOff = await CreateAsync(tenant, "/services", new { name = "Whitening" });
        var own = await CreateAsync(tenant, $"/phone-numbers/{phone.Id}/services", new { name = "Emergency" });
        await PutAsync(tenant, $"/phone-numbers/{phone.Id}/services/switched-off", new { businessServiceIds = new[] { switchedOff } }, "\"v0\"");

        var config = await tenant.GetAgentConfigAsync(phone.Id);

        var target = Assert.Single(config.TransferStaff);
        Assert.Equal((transfers, "Dr. Lee", "+14155550123", "Dentist"), (target.StaffId, target.Name, target.Phone, target.Role));
        Assert.Equal([kept, own], config.Services.Select(s => s.Id));
    }

    [Fact]
    public async Task ViewersAndVoiceAgentsLoadAPhonesConfigurationById()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = VoiceAgent();

        var asViewer = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}/agent-config"), TestContext.Current.CancellationToken);
        var asAgent = await agent.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}/agent-config"), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (asViewer.StatusCode, asAgent.StatusCode));
    }

    private HttpClient VoiceAgent() => api.ClientWithToken(api.Token("voice-agent-1", [], PlatformRoles.VoiceAgent));

    private static Task<HttpResponseMessage> RevalidateAsync(HttpClient client, string url, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task PutAsync(Tenant tenant, string path, object body, string ifMatch) =>
        (await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path(path), body, ifMatch)).EnsureSuccessStatusCode();

    private static async Task<string> CreateAsync(Tenant tenant, string path, object body) =>
        (await (await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path(path), body)).ReadAsync<Created>(HttpStatusCode.Created)).Id;

    private sealed record Created(string Id);

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("0001-01-02T00:00:00Z")]
    public async Task AnInstantOutsideTheSupportedRangeIsAValidationErrorNamingAt(string at)
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = VoiceAgent();
        var query = $"at={Uri.EscapeDataString(at)}";

        var byNumber = await agent.GetAsync($"/api/v2/voice/agent-config?to={Uri.EscapeDataString(phone.PhoneNumber)}&{query}", TestContext.Current.CancellationToken);
        var byPhone = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}/agent-config?{query}"), TestContext.Current.CancellationToken);

        Assert.Equal(["at"], (await byNumber.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        Assert.Equal(["at"], (await byPhone.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
    }

    [Fact]
    public async Task TheEdgesOfTheSupportedRangeCanBePreviewed()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        Assert.Equal(phone.Id, (await tenant.GetAgentConfigAsync(phone.Id, "2199-12-31T23:59:59Z")).Phone.Id);
        Assert.Equal(phone.Id, (await tenant.GetAgentConfigAsync(phone.Id, "1970-01-01T00:00:00Z")).Phone.Id);
    }
}
