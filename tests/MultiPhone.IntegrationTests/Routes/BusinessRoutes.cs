using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Routes;

public static class BusinessRoutes
{
    private const string Business = "/api/v2/businesses/{businessId}";
    private const string Phones = Business + "/phone-numbers";
    private const string Phone = Phones + "/{phoneId}";

    private static readonly string[] PhoneWrongTypes =
    [
        "{\"phoneNumber\": 12125550100}",
        "{\"isActive\": \"yes\"}",
        "{\"isPrimary\": 1}",
        "{\"displayName\": {\"en\": \"Main\"}}",
        "{\"address\": \"1 Main St\"}",
        "{\"address\": {\"line1\": [\"1 Main St\"]}}",
        "{\"settings\": \"copyEverything\"}",
        "{\"phoneNumber\": \"\\uD800\"}",
    ];

    public static IEnumerable<RouteCase> All =>
    [
        new("GET", Business, BusinessRole.Viewer, async t => new(t.Path(), null, null, t.Path())),
        new("PUT", Business, BusinessRole.Admin, async t => new(t.Path(), new { name = "Renamed" }, await CurrentETagAsync(t, t.Path()), t.Path()),
            "{\"name\": 42}", "{\"companyProfile\": \"Acme\"}", "{\"companyProfile\": {\"defaultCountry\": [\"US\"]}}"),
        new("GET", Phones, BusinessRole.Viewer, async t => new(t.Path("/phone-numbers"), null, null, t.Path("/phone-numbers"))),
        new("POST", Phones, BusinessRole.Admin, async t => new(t.Path("/phone-numbers"), PhoneCalls.NewPhone(Numbers.NextUs()), null, t.Path("/phone-numbers")),
            PhoneWrongTypes),
        new("GET", Phone, BusinessRole.Viewer, async t => PhoneTarget(t, await t.CreatePhoneAsync(Numbers.NextUs()), withBody: false)),
        new("PUT", Phone, BusinessRole.Admin, async t => PhoneTarget(t, await t.CreatePhoneAsync(Numbers.NextUs()), withBody: true),
            PhoneWrongTypes),
        new("DELETE", Phone, BusinessRole.Admin, async t => PhoneTarget(t, await t.CreatePhoneAsync(Numbers.NextUs()), withBody: false)),
    ];

    public static async Task<string> CurrentETagAsync(Tenant tenant, string url) =>
        (await tenant.Viewer.GetAsync(url, TestContext.Current.CancellationToken)).ETag();

    private static RouteTarget PhoneTarget(Tenant tenant, (MultiPhone.PhoneNumbers.PhoneNumberResponse Phone, string ETag) created, bool withBody)
    {
        var url = tenant.Path($"/phone-numbers/{created.Phone.Id}");
        return new(url, withBody ? PhoneCalls.NewPhone(created.Phone.PhoneNumber, "Renamed") : null, created.ETag, url);
    }
}
