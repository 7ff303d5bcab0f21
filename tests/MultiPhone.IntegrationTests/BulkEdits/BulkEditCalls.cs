using System.Net;
using System.Text.Json;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.IntegrationTests.BulkEdits;

/// <summary>Bulk-edit calls the tests make over and over.</summary>
public static class BulkEditCalls
{
    public static object Set(string section, object fields) => new { kind = "set", section, fields };

    public static object Edit(object target, object operation, bool dryRun = false) => new { target, operation, dryRun };

    public static async Task<PhoneNumberResponse> CreateLabelledPhoneAsync(this Tenant tenant, string displayName, params string[] labels)
    {
        using var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/phone-numbers"),
            new { phoneNumber = Numbers.NextUs(), displayName, timezone = "America/Los_Angeles", labels });
        return await response.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> PostBulkAsync(this Tenant tenant, object body, HttpClient? client = null, string? idempotencyKey = null) =>
        (client ?? tenant.Editor).SendJsonAsync(HttpMethod.Post, tenant.Path("/bulk-edits"), body, idempotencyKey: idempotencyKey);

    public static async Task<JsonElement> PreviewAsync(this Tenant tenant, object target, object operation, HttpClient? client = null)
    {
        using var response = await tenant.PostBulkAsync(Edit(target, operation, dryRun: true), client);
        return await response.ReadAsync<JsonElement>();
    }

    /// <summary>Applies an edit and waits until it has finished; returns the finished edit.</summary>
    public static async Task<JsonElement> ApplyAsync(this Tenant tenant, object target, object operation, HttpClient? client = null)
    {
        using var response = await tenant.PostBulkAsync(Edit(target, operation), client);
        return await tenant.FinishedAsync(await StartedAsync(response));
    }

    /// <summary>The id of an edit an apply or undo started (202, Location and statusQueryGetUri naming it).</summary>
    public static async Task<string> StartedAsync(HttpResponseMessage response)
    {
        var started = await response.ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal(started.GetProperty("statusQueryGetUri").GetString(), response.Headers.Location?.ToString());
        Assert.EndsWith($"/bulk-edits/{id}", response.Headers.Location?.ToString());
        return id;
    }

    public static async Task<JsonElement> GetBulkAsync(this Tenant tenant, string id) =>
        await (await tenant.Viewer.GetAsync(tenant.Path($"/bulk-edits/{id}"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

    public static async Task<JsonElement> FinishedAsync(this Tenant tenant, string id)
    {
        JsonElement edit = default;
        await Wait.UntilAsync(async () => (edit = await tenant.GetBulkAsync(id)).GetProperty("status").GetString() != "running", $"bulk edit {id} finishes");
        Assert.Equal("completed", edit.GetProperty("status").GetString());
        return edit;
    }

    public static async Task<JsonElement> UndoAsync(this Tenant tenant, string id, bool force = false)
    {
        using var response = await tenant.Editor.SendJsonAsync(HttpMethod.Post, tenant.Path($"/bulk-edits/{id}/undo"), new { force });
        return await tenant.FinishedAsync(await StartedAsync(response));
    }

    public static JsonElement Item(JsonElement edit, string phoneId) =>
        edit.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("phoneId").GetString() == phoneId);

    public static string Outcome(JsonElement edit, string phoneId) => Item(edit, phoneId).GetProperty("outcome").GetString()!;

    public static (int Changed, int Unchanged, int Failed) Counts(JsonElement edit)
    {
        var counts = edit.GetProperty("counts");
        return (counts.GetProperty("changed").GetInt32(), counts.GetProperty("unchanged").GetInt32(), counts.GetProperty("failed").GetInt32());
    }

    public static string Id(JsonElement edit) => edit.GetProperty("id").GetString()!;

    public static async Task<JsonElement> VoiceAsync(this Tenant tenant, string phoneId) =>
        await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/settings/voice"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
}
