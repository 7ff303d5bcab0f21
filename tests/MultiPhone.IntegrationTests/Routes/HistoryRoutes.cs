using System.Text.Json;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Routes;

/// <summary>The business's history and one phone's, each with a revision and its restore.</summary>
public static class HistoryRoutes
{
    private const string Business = "/api/v2/businesses/{businessId}";
    private static readonly string[] RestoreWrongTypes = ["{\"to\": \"sideways\"}", "{\"force\": \"yes\"}"];

    public static IEnumerable<RouteCase> All =>
    [
        new("GET", Business + "/history", BusinessRole.Viewer, async t => new(t.Path("/history"), null, null, t.Path("/history"))),
        new("GET", Business + "/history/{revisionId}", BusinessRole.Viewer, async t =>
        {
            var (_, revision, _) = await ChangedSectionAsync(t);
            return new(t.Path($"/history/{revision}"), null, null, t.Path($"/history/{revision}"));
        }),
        new("POST", Business + "/history/{revisionId}/restore", BusinessRole.Editor, async t =>
        {
            var (_, revision, section) = await ChangedSectionAsync(t);
            return new(t.Path($"/history/{revision}/restore"), new { to = "before" }, "\"v1\"", section);
        }, RestoreWrongTypes),
        new("GET", Business + "/phone-numbers/{phoneId}/history", BusinessRole.Viewer, async t =>
        {
            var (phone, _, _) = await ChangedSectionAsync(t);
            return new(t.Path($"/phone-numbers/{phone}/history"), null, null, t.Path($"/phone-numbers/{phone}/history"));
        }),
        new("GET", Business + "/phone-numbers/{phoneId}/history/{revisionId}", BusinessRole.Viewer, async t =>
        {
            var (phone, revision, _) = await ChangedSectionAsync(t);
            return new(t.Path($"/phone-numbers/{phone}/history/{revision}"), null, null, t.Path($"/phone-numbers/{phone}/history/{revision}"));
        }),
        new("POST", Business + "/phone-numbers/{phoneId}/history/{revisionId}/restore", BusinessRole.Editor, async t =>
        {
            var (phone, revision, section) = await ChangedSectionAsync(t);
            return new(t.Path($"/phone-numbers/{phone}/history/{revision}/restore"), new { to = "before" }, "\"v1\"", section);
        }, RestoreWrongTypes),
    ];

    /// <summary>A phone whose voice section was set once: the phone, that change's revision, and the section's URL.</summary>
    private static async Task<(string PhoneId, string RevisionId, string SectionUrl)> ChangedSectionAsync(Tenant tenant)
    {
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var section = tenant.Path($"/phone-numbers/{phone.Id}/settings/voice");
        await tenant.Editor.PutOrFailAsync(section, new { greeting = "Before the route matrix" }, "\"v0\"");
        var page = await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}/history?section=voice"), TestContext.Current.CancellationToken))
            .ReadAsync<JsonElement>();
        return (phone.Id, page.GetProperty("items")[0].GetProperty("id").GetString()!, section);
    }
}
