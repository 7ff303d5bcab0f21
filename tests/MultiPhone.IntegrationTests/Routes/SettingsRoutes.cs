using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Routes;

/// <summary>Phone settings, business defaults, and the deprecated v1 settings routes, for every section.</summary>
public static class SettingsRoutes
{
    /// <summary>A small valid override of each section.</summary>
    public static readonly IReadOnlyDictionary<string, object> Bodies = new Dictionary<string, object>
    {
        ["voice"] = new { greeting = "Hello from the route matrix" },
        ["rules"] = new { refusedTopics = new[] { "politics" } },
        ["hours"] = new { alwaysOpen = true },
        ["sms"] = new { signature = "The matrix team" },
    };

    /// <summary>Bodies of each section with a wrong type or an unknown enum value.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> WrongTypes = new Dictionary<string, string[]>
    {
        ["voice"] = ["{\"speakingRate\": \"fast\"}", "{\"voiceProvider\": \"skype\"}", "{\"recordCalls\": \"sometimes\"}", "{\"maxCallMinutes\": 1.5}"],
        ["rules"] = ["{\"rules\": [{\"when\": \"x\", \"action\": \"dance\"}]}", "{\"refusedTopics\": \"politics\"}", "{\"afterHours\": {\"action\": 3}}"],
        ["hours"] = ["{\"alwaysOpen\": \"yes\"}", "{\"weekly\": [{\"day\": \"funday\", \"open\": \"09:00\", \"close\": \"17:00\"}]}", "{\"holidays\": {\"date\": \"2026-12-25\"}}"],
        ["sms"] = ["{\"enabled\": \"yes\"}", "{\"autoReply\": [\"hi\"]}", "{\"forwardTo\": 14155550100}"],
    };

    public static IEnumerable<RouteCase> All => Bodies.Keys.SelectMany(PerSection).Append(
        new("GET", "/api/v2/businesses/{businessId}/settings/defaults", BusinessRole.Viewer,
            async t => new(t.Path("/settings/defaults"), null, null, t.Path("/settings/defaults"))));

    private static IEnumerable<RouteCase> PerSection(string section) =>
    [
        new("GET", $"/api/v2/businesses/{{businessId}}/phone-numbers/{{phoneId}}/settings/{section}", BusinessRole.Viewer,
            async t => Target(await PhoneSectionAsync(t, section), body: null, withETag: false)),
        new("PUT", $"/api/v2/businesses/{{businessId}}/phone-numbers/{{phoneId}}/settings/{section}", BusinessRole.Editor,
            async t => Target(await PhoneSectionAsync(t, section), Bodies[section], withETag: true), WrongTypes[section]),
        new("DELETE", $"/api/v2/businesses/{{businessId}}/phone-numbers/{{phoneId}}/settings/{section}", BusinessRole.Editor,
            async t => Target(await PhoneSectionAsync(t, section), body: null, withETag: true)),
        new("GET", $"/api/v2/businesses/{{businessId}}/settings/defaults/{section}", BusinessRole.Viewer,
            async t => Target(await CurrentAsync(t, t.Path($"/settings/defaults/{section}")), body: null, withETag: false)),
        new("PUT", $"/api/v2/businesses/{{businessId}}/settings/defaults/{section}", BusinessRole.Editor,
            async t => Target(await CurrentAsync(t, t.Path($"/settings/defaults/{section}")), Bodies[section], withETag: true), WrongTypes[section]),
        new("DELETE", $"/api/v2/businesses/{{businessId}}/settings/defaults/{section}", BusinessRole.Editor,
            async t => Target(await CurrentAsync(t, t.Path($"/settings/defaults/{section}")), body: null, withETag: true)),
        new("GET", $"/api/v1/businesses/{{businessId}}/settings/{section}", BusinessRole.Viewer,
            async t => Target(await LegacyAsync(t, section), body: null, withETag: false)),
        new("PUT", $"/api/v1/businesses/{{businessId}}/settings/{section}", BusinessRole.Editor,
            async t => Target(await LegacyAsync(t, section), Bodies[section], withETag: false), WrongTypes[section]),
    ];

    private static async Task<(string Url, string ETag)> PhoneSectionAsync(Tenant tenant, string section)
    {
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        return await CurrentAsync(tenant, tenant.Path($"/phone-numbers/{phone.Id}/settings/{section}"));
    }

    private static async Task<(string Url, string ETag)> LegacyAsync(Tenant tenant, string section)
    {
        await tenant.CreatePhoneAsync(Numbers.NextUs());
        return await CurrentAsync(tenant, $"/api/v1/businesses/{tenant.BusinessId}/settings/{section}");
    }

    private static async Task<(string Url, string ETag)> CurrentAsync(Tenant tenant, string url) =>
        (url, await BusinessRoutes.CurrentETagAsync(tenant, url));

    private static RouteTarget Target((string Url, string ETag) current, object? body, bool withETag) =>
        new(current.Url, body, withETag ? current.ETag : null, current.Url);
}
