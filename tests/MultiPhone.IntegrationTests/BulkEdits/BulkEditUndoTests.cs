using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.BulkEdits;
using MultiPhone.IntegrationTests.Infrastructure;
using static MultiPhone.IntegrationTests.BulkEdits.BulkEditCalls;

namespace MultiPhone.IntegrationTests.BulkEdits;

/// <summary>Undoing a bulk edit as a whole, and applying a batch again after a crash.</summary>
public sealed class BulkEditUndoTests(ApiFactory api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUndoPutsEveryLocationBackAndWhatInheritedInheritsAgain()
    {
        using var tenant = await api.NewTenantAsync();
        var inheriting = await tenant.CreateLabelledPhoneAsync("Inheriting", "downtown");
        var own = await tenant.CreateLabelledPhoneAsync("Own", "downtown");
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "Hi" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{own.Id}/settings/voice"), new { greeting = "Own", agentName = "Bo" }, "\"v0\"");
        var edit = await tenant.ApplyAsync(new { label = "downtown" }, Set("voice", new { greeting = "Holiday hours" }));

        var undo = await tenant.UndoAsync(Id(edit));

        Assert.Equal((2, 0, 0), Counts(undo));
        Assert.Equal(JsonValueKind.Object, undo.GetProperty("operation").ValueKind);
        Assert.Equal(("undo", Id(edit)), (undo.GetProperty("operation").GetProperty("kind").GetString(), undo.GetProperty("operation").GetProperty("of").GetString()));
        var back = await tenant.VoiceAsync(inheriting.Id);
        Assert.Equal(("Hi", "business"), (back.GetProperty("effective").GetProperty("greeting").GetString(), back.GetProperty("sources").GetProperty("greeting").GetString()));
        Assert.Equal("Own", (await tenant.VoiceAsync(own.Id)).GetProperty("effective").GetProperty("greeting").GetString());
        // A later default change reaches the location again: it inherits, it does not hold a copy.
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "Hello" }, "\"v1\"");
        Assert.Equal("Hello", (await tenant.VoiceAsync(inheriting.Id)).GetProperty("effective").GetProperty("greeting").GetString());
        Assert.Equal(Id(undo), (await tenant.GetBulkAsync(Id(edit))).GetProperty("undoneBy").GetString());
    }

    [Fact]
    public async Task AnUndoLeavesLocationsChangedSinceAloneUnlessForced()
    {
        using var tenant = await api.NewTenantAsync();
        var untouched = await tenant.CreateLabelledPhoneAsync("Untouched", "all");
        var changedSince = await tenant.CreateLabelledPhoneAsync("Changed since", "all");
        var edit = await tenant.ApplyAsync(new { label = "all" }, Set("voice", new { greeting = "Bulk", agentName = "Bulk agent" }));
        var voice = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{changedSince.Id}/settings/voice"), Ct);
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{changedSince.Id}/settings/voice"), new { greeting = "Mine now", agentName = "Bulk agent" }, voice.ETag());

        var undo = await tenant.UndoAsync(Id(edit));

        Assert.Equal((1, 0, 1), Counts(undo));
        var conflict = Item(undo, changedSince.Id);
        Assert.Equal(["greeting"], conflict.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Changed since", conflict.GetProperty("problem").GetProperty("title").GetString());
        Assert.Equal("Mine now", (await tenant.VoiceAsync(changedSince.Id)).GetProperty("effective").GetProperty("greeting").GetString());
        Assert.Equal("system", (await tenant.VoiceAsync(untouched.Id)).GetProperty("sources").GetProperty("greeting").GetString());
        using var twice = await tenant.Editor.SendJsonAsync(HttpMethod.Post, tenant.Path($"/bulk-edits/{Id(edit)}/undo"), new { force = true });
        await twice.AssertProblemAsync(HttpStatusCode.Conflict, "bulk-edit-undone");

        var second = await tenant.ApplyAsync(new { label = "all" }, Set("voice", new { greeting = "Bulk again" }));
        var again = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{changedSince.Id}/settings/voice"), Ct);
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{changedSince.Id}/settings/voice"), new { greeting = "Mine again" }, again.ETag());
        var forced = await tenant.UndoAsync(Id(second), force: true);
        Assert.Equal((2, 0, 0), Counts(forced));
        Assert.Equal("Mine now", (await tenant.VoiceAsync(changedSince.Id)).GetProperty("effective").GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task ABatchRunAgainAfterACrashWritesNoLocationTwice()
    {
        using var tenant = await api.NewTenantAsync();
        var phones = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            phones.Add((await tenant.CreateLabelledPhoneAsync($"Location {i}", "all")).Id);
        }
        var edit = await tenant.ApplyAsync(new { label = "all" }, Set("voice", new { greeting = "Once" }));
        var store = api.Services.GetRequiredService<BulkEditStore>();
        var applier = api.Services.GetRequiredService<BulkEditApplier>();
        var stored = (await store.GetAsync(tenant.BusinessId, Id(edit), Ct))!;
        // The crash came after the locations were written and before their items were stored or counted.
        await store.ReplaceAsync(stored.Item with { Status = BulkEditStatus.Running, DoneBatches = [], Counts = BulkCounts.None }, stored.ETag, Ct);
        await api.Services.GetRequiredService<Microsoft.Azure.Cosmos.Database>().GetContainer(BulkEditStore.Definition.Name)
            .DeleteItemAsync<JsonElement>(BulkEditBatch.IdOf(Id(edit), 0), new Microsoft.Azure.Cosmos.PartitionKey(tenant.BusinessId), cancellationToken: Ct);

        var counts = await applier.ApplyBatchAsync(tenant.BusinessId, Id(edit), 0, Ct);
        await applier.ApplyBatchAsync(tenant.BusinessId, Id(edit), 0, Ct);

        Assert.Equal(new BulkCounts(3, 0, 0), counts);
        Assert.Equal(new BulkCounts(3, 0, 0), (await store.GetAsync(tenant.BusinessId, Id(edit), Ct))!.Item.Counts);
        var history = await (await tenant.Viewer.GetAsync(tenant.Path($"/history?actor={Id(edit)}"), Ct)).ReadAsync<JsonElement>();
        Assert.Equal(3, history.GetProperty("items").GetArrayLength());
        var again = await tenant.GetBulkAsync(Id(edit));
        Assert.All(phones, phoneId => Assert.Equal(Item(edit, phoneId).GetProperty("revisionId").GetString(), Item(again, phoneId).GetProperty("revisionId").GetString()));
    }
}
