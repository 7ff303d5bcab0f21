using System.Net;
using MultiPhone.Businesses;
using MultiPhone.Functions.Auth;
using MultiPhone.Integrations;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Routes;

/// <summary>Subscription, integrations and the per-phone agent configuration.</summary>
public static class BusinessLevelRoutes
{
    private const string Integrations = "/api/v2/businesses/{businessId}/integrations";
    private const string Integration = Integrations + "/{integrationId}";

    public static object NewIntegration(string name = "CRM hook") =>
        new { type = "webhook", name, settings = new Dictionary<string, string> { ["url"] = "https://crm.example/hook" }, secrets = new Dictionary<string, string> { ["token"] = "s3cret-value" } };

    private static readonly string[] IntegrationWrongTypes =
        ["{\"type\": \"fax\", \"name\": \"x\"}", "{\"settings\": [\"url\"]}", "{\"secrets\": {\"token\": 5}}", "{\"enabled\": \"no\"}"];

    public static IEnumerable<RouteCase> All =>
    [
        new("GET", "/api/v2/businesses/{businessId}/subscription", BusinessRole.Viewer,
            async t => new(t.Path("/subscription"), null, null, t.Path("/subscription"))),
        new("PUT", "/api/v2/businesses/{businessId}/subscription", BusinessRole.Admin,
            async t => new(t.Path("/subscription"), new { plan = "scale" }, await BusinessRoutes.CurrentETagAsync(t, t.Path("/subscription")), t.Path("/subscription")),
            "{\"plan\": \"platinum\"}", "{\"plan\": 2}", "{\"maxPhoneNumbers\": \"lots\"}"),
        new("GET", Integrations, BusinessRole.Viewer, async t => new(t.Path("/integrations"), null, null, t.Path("/integrations"))),
        new("POST", Integrations, BusinessRole.Admin, async t => new(t.Path("/integrations"), NewIntegration(), null, t.Path("/integrations")), IntegrationWrongTypes),
        new("GET", Integration, BusinessRole.Viewer, async t => await IntegrationTargetAsync(t, body: null)),
        new("PUT", Integration, BusinessRole.Admin, async t => await IntegrationTargetAsync(t, NewIntegration("Renamed hook")), IntegrationWrongTypes),
        new("DELETE", Integration, BusinessRole.Admin, async t => await IntegrationTargetAsync(t, body: null)),
        new("GET", "/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/agent-config", BusinessRole.Viewer, async t =>
        {
            var (phone, _) = await t.CreatePhoneAsync(Numbers.NextUs());
            var url = t.Path($"/phone-numbers/{phone.Id}/agent-config");
            return new(url, null, null, t.Path($"/phone-numbers/{phone.Id}"));
        }),
    ];

    private static async Task<RouteTarget> IntegrationTargetAsync(Tenant tenant, object? body)
    {
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), NewIntegration());
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);
        var url = tenant.Path($"/integrations/{integration.Id}");
        return new(url, body, created.ETag(), url);
    }
}
