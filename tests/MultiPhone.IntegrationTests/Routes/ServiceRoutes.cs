using System.Net;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Services;

namespace MultiPhone.IntegrationTests.Routes;

public static class ServiceRoutes
{
    private const string Business = "/api/v2/businesses/{businessId}";
    private const string Services = Business + "/services";
    private const string Service = Services + "/{serviceId}";
    private const string PhoneServices = Business + "/phone-numbers/{phoneId}/services";
    private const string PhoneService = PhoneServices + "/{serviceId}";
    private const string SwitchedOff = PhoneServices + "/switched-off";

    public static IEnumerable<RouteCase> All =>
    [
        new("GET", Services, BusinessRole.Viewer, async t => new(t.Path("/services"), null, null, t.Path("/services"))),
        new("POST", Services, BusinessRole.Admin, async t => new(t.Path("/services"), ServiceCalls.NewService(), null, t.Path("/services"))),
        new("GET", Service, BusinessRole.Viewer, async t => ServiceTarget(await t.CreateServiceAsync("/services"), withBody: false)),
        new("PUT", Service, BusinessRole.Admin, async t => ServiceTarget(await t.CreateServiceAsync("/services"), withBody: true)),
        new("DELETE", Service, BusinessRole.Admin, async t => ServiceTarget(await t.CreateServiceAsync("/services"), withBody: false)),
        new("GET", PhoneServices, BusinessRole.Viewer, async t =>
        {
            var url = await PhoneServicesUrlAsync(t);
            return new(url, null, null, url);
        }),
        new("POST", PhoneServices, BusinessRole.Admin, async t =>
        {
            var url = await PhoneServicesUrlAsync(t);
            return new(url, ServiceCalls.NewService(), null, url);
        }),
        new("GET", PhoneService, BusinessRole.Viewer, async t =>
            ServiceTarget(await t.CreateServiceAsync(await PhoneServicesRouteAsync(t)), withBody: false)),
        new("PUT", PhoneService, BusinessRole.Admin, async t =>
            ServiceTarget(await t.CreateServiceAsync(await PhoneServicesRouteAsync(t)), withBody: true)),
        new("DELETE", PhoneService, BusinessRole.Admin, async t =>
            ServiceTarget(await t.CreateServiceAsync(await PhoneServicesRouteAsync(t)), withBody: false)),
        new("GET", SwitchedOff, BusinessRole.Viewer, async t =>
        {
            var url = await PhoneServicesUrlAsync(t) + "/switched-off";
            return new(url, null, null, url);
        }),
        new("PUT", SwitchedOff, BusinessRole.Admin, async t =>
        {
            var (service, _, _) = await t.CreateServiceAsync("/services");
            var url = await PhoneServicesUrlAsync(t) + "/switched-off";
            return new(url, ServiceCalls.SwitchOff(service.Id), await BusinessRoutes.CurrentETagAsync(t, url), url);
        }),
    ];

    private static async Task<string> PhoneServicesUrlAsync(Tenant tenant) => tenant.Path(await PhoneServicesRouteAsync(tenant));

    private static async Task<string> PhoneServicesRouteAsync(Tenant tenant) =>
        $"/phone-numbers/{(await tenant.CreatePhoneAsync(Numbers.NextUs())).Phone.Id}/services";

    private static RouteTarget ServiceTarget((ServiceBody Service, string ETag, string Url) created, bool withBody) =>
        new(created.Url, withBody ? ServiceCalls.NewService("Renamed") : null, created.ETag, created.Url);
}

/// <summary>A service as the API returns it (the tests read enums as the strings the API writes).</summary>
public sealed record ServiceBody(
    string Id,
    string BusinessId,
    string? PhoneId,
    string Source,
    string Name,
    string? Description,
    int? DurationMinutes,
    Price? Price,
    bool Bookable);

public sealed record ServiceListBody(IReadOnlyList<ServiceBody> Items);

public sealed record PhoneServicesBody(IReadOnlyList<ServiceBody> Items, IReadOnlyList<string> SwitchedOff);

/// <summary>Service calls the tests make over and over.</summary>
public static class ServiceCalls
{
    public static object NewService(string name = "Cleaning", int? durationMinutes = null, object? price = null, bool? bookable = null, string? description = null) =>
        new { name, description, durationMinutes, price, bookable };

    public static object SwitchOff(params string[] businessServiceIds) => new { businessServiceIds };

    /// <summary>Creates a service under <paramref name="route"/> (<c>/services</c> or <c>/phone-numbers/{id}/services</c>).</summary>
    public static async Task<(ServiceBody Service, string ETag, string Url)> CreateServiceAsync(this Tenant tenant, string route, string name = "Cleaning")
    {
        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path(route), NewService(name));
        var service = await response.ReadAsync<ServiceBody>(HttpStatusCode.Created);
        return (service, response.ETag(), response.Headers.Location!.ToString());
    }

    public static async Task<PhoneServicesBody> ListPhoneServicesAsync(this Tenant tenant, string phoneId) =>
        await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/services"), TestContext.Current.CancellationToken))
            .ReadAsync<PhoneServicesBody>();

    public static async Task<(IReadOnlyList<string> Ids, string ETag)> GetSwitchedOffAsync(this Tenant tenant, string phoneId)
    {
        var response = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/services/switched-off"), TestContext.Current.CancellationToken);
        return ((await response.ReadAsync<SwitchedOffResponse>()).BusinessServiceIds, response.ETag());
    }

    public static Task<HttpResponseMessage> PutSwitchedOffAsync(this Tenant tenant, string phoneId, object body, string? etag) =>
        tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phoneId}/services/switched-off"), body, etag);
}
