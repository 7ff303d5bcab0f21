using System.Net;
using System.Text.Json;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.BulkEdits;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Routes;

/// <summary>The business's bulk edits: preview or apply, list, read one, undo one.</summary>
public static class BulkEditRoutes
{
    private const string Collection = "/api/v2/businesses/{businessId}/bulk-edits";

    private static readonly string[] WrongTypes =
    [
        """{"target": {"label": 7}, "operation": {"kind": "set", "section": "voice", "fields": {"greeting": "x"}}}""",
        """{"target": {"all": true}, "operation": {"kind": "sometimes"}}""",
        """{"target": {"all": true}, "operation": {"kind": "active", "isActive": "no"}, "dryRun": "yes"}""",
    ];

    public static IEnumerable<RouteCase> All =>
    [
        new("GET", Collection, BusinessRole.Viewer, async t => new(t.Path("/bulk-edits"), null, null, t.Path("/bulk-edits"))),
        new("POST", Collection, BusinessRole.Editor, async t =>
        {
            var phone = await t.CreateLabelledPhoneAsync("Route matrix", "matrix");
            return new(t.Path("/bulk-edits"), Body(phone.Id), null, t.Path($"/phone-numbers/{phone.Id}/settings/voice"));
        }, WrongTypes),
        new("GET", Collection + "/{editId}", BusinessRole.Viewer, async t =>
        {
            var url = await AppliedAsync(t);
            return new(url, null, null, url);
        }),
        new("POST", Collection + "/{editId}/undo", BusinessRole.Editor, async t =>
        {
            var url = await AppliedAsync(t);
            return new(url + "/undo", new { force = false }, null, url);
        }, """{"force": "yes"}"""),
    ];

    private static object Body(string phoneId) => BulkEditCalls.Edit(new { phoneIds = new[] { phoneId } }, BulkEditCalls.Set("voice", new { greeting = "From the route matrix" }));

    /// <summary>A finished edit of one new phone, by its URL.</summary>
    private static async Task<string> AppliedAsync(Tenant t)
    {
        var phone = await t.CreateLabelledPhoneAsync("Route matrix", "matrix");
        using var response = await t.PostBulkAsync(Body(phone.Id));
        var id = await BulkEditCalls.StartedAsync(response);
        await t.FinishedAsync(id);
        return t.Path($"/bulk-edits/{id}");
    }
}
