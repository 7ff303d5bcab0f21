using System.Net;
using MultiPhone.Functions.Api;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary><c>GET /settings/defaults</c>: which phones follow each default section (the console's defaults editor shows it).</summary>
public sealed class DefaultsInheritanceTests(ApiFactory api)
{
    [Fact]
    public async Task PhonesWithoutAnOverrideInheritAndOthersOverrideSectionBySection()
    {
        using var tenant = await api.NewTenantAsync();
        var (first, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (second, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var put = await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{second.Id}/settings/voice"), new { agentName = "Mia" }, ifMatch: "\"v0\"");
        put.EnsureSuccessStatusCode();

        var overview = await (await tenant.Viewer.GetAsync(tenant.Path("/settings/defaults"), TestContext.Current.CancellationToken))
            .ReadAsync<DefaultsInheritanceResponse>();

        Assert.Equal(["voice", "rules", "hours", "sms"], overview.Sections.Select(s => s.Section));
        var voice = overview.Sections[0];
        Assert.Equal([first.Id], voice.InheritingPhoneIds);
        Assert.Equal([second.Id], voice.OverridingPhoneIds);
        Assert.All(overview.Sections.Skip(1), section =>
        {
            Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), section.InheritingPhoneIds.Order(StringComparer.Ordinal));
            Assert.Empty(section.OverridingPhoneIds);
        });
    }

    [Fact]
    public async Task APhoneWhoseOverrideWasResetInheritsAgain()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/settings/sms");
        (await tenant.Editor.SendJsonAsync(HttpMethod.Put, url, new { signature = "Front desk" }, ifMatch: "\"v0\"")).EnsureSuccessStatusCode();
        (await tenant.Editor.SendJsonAsync(HttpMethod.Delete, url, null, ifMatch: "\"v1\"")).EnsureSuccessStatusCode();

        var overview = await (await tenant.Viewer.GetAsync(tenant.Path("/settings/defaults"), TestContext.Current.CancellationToken))
            .ReadAsync<DefaultsInheritanceResponse>();

        var sms = overview.Sections.Single(s => s.Section == "sms");
        Assert.Equal([phone.Id], sms.InheritingPhoneIds);
        Assert.Empty(sms.OverridingPhoneIds);
    }

    [Fact]
    public async Task ABusinessWithoutPhonesHasNobodyInheriting()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Viewer.GetAsync(tenant.Path("/settings/defaults"), TestContext.Current.CancellationToken);

        var overview = await response.ReadAsync<DefaultsInheritanceResponse>(HttpStatusCode.OK);
        Assert.All(overview.Sections, section => Assert.Empty(section.InheritingPhoneIds));
    }
}
