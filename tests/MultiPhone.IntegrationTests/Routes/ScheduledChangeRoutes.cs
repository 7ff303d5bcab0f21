using System.Text.Json;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Routes;

/// <summary>The business's scheduled changes and one phone's, each with a change to read, reschedule and cancel.</summary>
public static class ScheduledChangeRoutes
{
    private const string Business = "/api/v2/businesses/{businessId}";
    private const string Phone = Business + "/phone-numbers/{phoneId}";

    private static readonly string[] WrongTypes =
    [
        """{"section": "voice", "set": {"greeting": "x"}, "at": {"instant": "tomorrow"}}""",
        """{"section": "voice", "set": {"greeting": "x"}, "at": {"localTime": "2031-01-06T09:00"}, "onConflict": "sometimes"}""",
        """{"section": "voice", "set": [], "at": {"localTime": "2031-01-06T09:00"}}""",
    ];

    public static IEnumerable<RouteCase> All =>
    [
        .. Cases(Business, async t => (null, t.Path("/scheduled-changes"))),
        .. Cases(Phone, async t =>
        {
            var (phone, _) = await t.CreatePhoneAsync(Numbers.NextUs());
            return (phone.Id, t.Path($"/phone-numbers/{phone.Id}/scheduled-changes"));
        }),
    ];

    private static IEnumerable<RouteCase> Cases(string scope, Func<Tenant, Task<(string? PhoneId, string Url)>> collection)
    {
        async Task<(string Url, string ETag)> ScheduledAsync(Tenant t)
        {
            var (_, url) = await collection(t);
            // A phone for the business's default change to reach.
            await t.CreatePhoneAsync(Numbers.NextUs());
            using var created = await t.Editor.SendJsonAsync(HttpMethod.Post, url, Body());
            var change = await created.ReadAsync<JsonElement>(System.Net.HttpStatusCode.Created);
            return ($"{url}/{change.GetProperty("id").GetString()}", created.ETag());
        }
        return
        [
            new("GET", scope + "/scheduled-changes", BusinessRole.Viewer, async t =>
            {
                var (_, url) = await collection(t);
                return new(url, null, null, url);
            }),
            new("POST", scope + "/scheduled-changes", BusinessRole.Editor, async t =>
            {
                var (_, url) = await collection(t);
                await t.CreatePhoneAsync(Numbers.NextUs());
                return new(url, Body(), null, url);
            }, WrongTypes),
            new("GET", scope + "/scheduled-changes/{changeId}", BusinessRole.Viewer, async t =>
            {
                var (url, _) = await ScheduledAsync(t);
                return new(url, null, null, url);
            }),
            new("PUT", scope + "/scheduled-changes/{changeId}", BusinessRole.Editor, async t =>
            {
                var (url, etag) = await ScheduledAsync(t);
                return new(url, Body("Rescheduled"), etag, url);
            }, WrongTypes),
            new("DELETE", scope + "/scheduled-changes/{changeId}", BusinessRole.Editor, async t =>
            {
                var (url, etag) = await ScheduledAsync(t);
                return new(url, null, etag, url);
            }),
        ];
    }

    private static object Body(string greeting = "Scheduled by the route matrix") =>
        new { section = "voice", set = new { greeting }, at = new { localTime = "2031-01-06T09:00" } };
}
