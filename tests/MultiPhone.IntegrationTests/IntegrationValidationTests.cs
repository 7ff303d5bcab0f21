using System.Net;
using MultiPhone.Integrations;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary>What an integration must be to be accepted; each refusal names its fields.</summary>
public sealed class IntegrationValidationTests(ApiFactory api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("http://crm.example/hook")]
    [InlineData("/relative/hook")]
    [InlineData("crm.example/hook")]
    [InlineData("ftp://crm.example/hook")]
    [InlineData("")]
    public async Task AWebhookWithoutAnHttpsUrlIsRefusedNamingSettingsUrl(string? url)
    {
        using var tenant = await api.NewTenantAsync();
        var settings = url is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["url"] = url };
        var created = await IntegrationsApiTests.CreateAsync(tenant, IntegrationsApiTests.Webhook());
        var path = tenant.Path($"/integrations/{created.Id}");
        var etag = (await tenant.Viewer.GetAsync(path, Ct)).ETag();

        var post = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), new { type = "webhook", name = "Hook", settings });
        var put = await tenant.Admin.SendJsonAsync(HttpMethod.Put, path, new { type = "webhook", name = "Hook", settings }, etag);

        foreach (var response in new[] { post, put })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
            Assert.Contains("settings.url", problem.ErrorFields());
        }
        Assert.Equivalent(created, await IntegrationsApiTests.GetAsync(tenant, created.Id), strict: true);
    }

    [Fact]
    public async Task AnHttpsUrlIsOnlyRequiredOfWebhooks()
    {
        using var tenant = await api.NewTenantAsync();

        var slack = await IntegrationsApiTests.CreateAsync(tenant, new { type = "slack", name = "Alerts", settings = new Dictionary<string, string> { ["url"] = "http://not.checked/" } });

        Assert.Equal("http://not.checked/", slack.Settings["url"]);
    }

    [Fact]
    public async Task BadSettingAndSecretNamesAndValuesAreNamed()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), new
        {
            type = "hubSpot",
            name = "CRM",
            settings = new Dictionary<string, string>
            {
                ["1st"] = "x",
                ["has space"] = "x",
                ["empty"] = "",
                ["long"] = new string('x', IntegrationRules.MaxSettingLength + 1),
                ["fine.name_1-x"] = "ok",
            },
            secrets = new Dictionary<string, string> { ["-dash"] = IntegrationsApiTests.NewSecret(), ["ok"] = "" },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["secrets.-dash", "secrets.ok", "settings.1st", "settings.empty", "settings.has space", "settings.long"], problem.ErrorFields());
    }

    [Fact]
    public async Task TooManySettingsOrSecretsAreRefused()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), new
        {
            type = "zapier",
            name = "Zaps",
            settings = Enumerable.Range(0, IntegrationRules.MaxSettings + 1).ToDictionary(i => $"s{i}", i => "v"),
            secrets = Enumerable.Range(0, IntegrationRules.MaxSecrets + 1).ToDictionary(i => $"k{i}", i => "v"),
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["secrets", "settings"], problem.ErrorFields());
    }

    [Fact]
    public async Task TypeAndNameAreRequired()
    {
        using var tenant = await api.NewTenantAsync();

        var noType = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), new { name = "Nameless type" });
        var nothing = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), new { name = "   " });
        var tooLong = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"),
            new { type = "slack", name = new string('n', IntegrationRules.MaxNameLength + 1) });

        Assert.Equal(["type"], (await noType.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        Assert.Equal(["name", "type"], (await nothing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        Assert.Equal(["name"], (await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        Assert.Empty(await IntegrationsApiTests.ListAsync(tenant));
    }
}
