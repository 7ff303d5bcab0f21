using System.Net;
using System.Text.Json;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.ScheduledChanges;

/// <summary>Scheduled-change calls the tests make over and over.</summary>
public static class ScheduledChangeCalls
{
    /// <summary>An instant a few seconds ahead, as the API writes instants.</summary>
    public static string In(TimeSpan ahead) => DateTimeOffset.UtcNow.Add(ahead).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

    public static object Body(string section, object set, object at, string? onConflict = null) => new { section, set, at, onConflict };

    public static async Task<(JsonElement Change, string ETag)> ScheduleAsync(this Tenant tenant, string? phoneId, object body, HttpClient? client = null)
    {
        var response = await (client ?? tenant.Editor).SendJsonAsync(HttpMethod.Post, Url(tenant, phoneId), body);
        return (await response.ReadAsync<JsonElement>(HttpStatusCode.Created), response.ETag());
    }

    public static string Url(Tenant tenant, string? phoneId, string? id = null) =>
        tenant.Path($"{(phoneId is null ? "" : $"/phone-numbers/{phoneId}")}/scheduled-changes{(id is null ? "" : $"/{id}")}");

    public static async Task<JsonElement> GetChangeAsync(this Tenant tenant, string id) =>
        await (await tenant.Viewer.GetAsync(Url(tenant, null, id), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

    /// <summary>Waits until the change has left pending, and returns it.</summary>
    public static async Task<JsonElement> ResolvedAsync(this Tenant tenant, string id)
    {
        JsonElement change = default;
        await Wait.UntilAsync(async () => Status(change = await tenant.GetChangeAsync(id)) != "pending", $"scheduled change {id} resolves");
        return change;
    }

    public static string Id(JsonElement change) => change.GetProperty("id").GetString()!;

    public static string? Status(JsonElement change) => change.GetProperty("status").GetString();

    public static JsonElement Application(JsonElement change, string phoneId) =>
        change.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("phoneId").GetString() == phoneId);

    public static async Task<string?> GreetingAsync(this Tenant tenant, string phoneId, string? at = null) =>
        (await tenant.GetAgentConfigAsync(phoneId, at)).Voice.Effective.Greeting;
}
