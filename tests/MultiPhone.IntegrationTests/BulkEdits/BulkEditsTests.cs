using System.Net;
using System.Text.Json;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Routes;
using static MultiPhone.IntegrationTests.BulkEdits.BulkEditCalls;

namespace MultiPhone.IntegrationTests.BulkEdits;

/// <summary>One change to many locations: previewed against inheritance, applied by its orchestration, undone as a whole.</summary>
public sealed class BulkEditsTests(ApiFactory api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LabelsAreNormalisedKeptByAPutWithoutThemAndFilterTheList()
    {
        using var tenant = await api.NewTenantAsync();
        var oakland = await tenant.CreateLabelledPhoneAsync("Oakland", " West-Coast ", "downtown", "downtown");
        await tenant.CreateLabelledPhoneAsync("Boston", "east-coast");
        Assert.Equal(["downtown", "west-coast"], oakland.Labels);

        var (_, etag) = await tenant.GetPhoneAsync(oakland.Id);
        await tenant.Admin.PutOrFailAsync(tenant.Path($"/phone-numbers/{oakland.Id}"), new { displayName = "Oakland HQ", timezone = "America/Los_Angeles" }, etag);
        var listed = await tenant.ListPhonesAsync("?label=west-coast");
        Assert.Equal(["Oakland HQ"], listed.Select(p => p.DisplayName));
        Assert.Equal(["downtown", "west-coast"], listed[0].Labels);

        using var refused = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/phone-numbers"),
            new { phoneNumber = Numbers.NextUs(), displayName = "Bad", timezone = "UTC", labels = new[] { "ok", "two words" } });
        Assert.Equal(["labels[1]"], (await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
    }

    [Fact]
    public async Task APreviewSaysPerLocationWhatChangesAndWhereItComesFromAndWritesNothing()
    {
        using var tenant = await api.NewTenantAsync();
        var inheriting = await tenant.CreateLabelledPhoneAsync("Inheriting", "downtown");
        var own = await tenant.CreateLabelledPhoneAsync("Own greeting", "downtown");
        var same = await tenant.CreateLabelledPhoneAsync("Already hello", "downtown");
        await tenant.CreateLabelledPhoneAsync("Elsewhere", "uptown");
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "Hi" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{own.Id}/settings/voice"), new { greeting = "Own" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{same.Id}/settings/voice"), new { greeting = "Hello" }, "\"v0\"");

        var preview = await tenant.PreviewAsync(new { label = "downtown" }, Set("voice", new { greeting = "Hello" }));

        Assert.Equal((2, 1, 0), Counts(preview));
        // The list's order: the primary (the first phone), then by name; the uptown location is not reached.
        Assert.Equal([inheriting.Id, same.Id, own.Id], preview.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("phoneId").GetString()));
        var change = Item(preview, inheriting.Id).GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("greeting", "Hi", "Hello", "business", "phone"), (change.GetProperty("path").GetString(), change.GetProperty("before").GetString(),
            change.GetProperty("after").GetString(), change.GetProperty("sourceBefore").GetString(), change.GetProperty("sourceAfter").GetString()));
        var overridden = Item(preview, own.Id).GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("Own", "Hello", "phone"), (overridden.GetProperty("before").GetString(), overridden.GetProperty("after").GetString(), overridden.GetProperty("sourceBefore").GetString()));
        Assert.Equal("unchanged", Outcome(preview, same.Id));
        Assert.Equal("Hi", (await tenant.VoiceAsync(inheriting.Id)).GetProperty("effective").GetProperty("greeting").GetString());
        var listed = await (await tenant.Viewer.GetAsync(tenant.Path("/bulk-edits"), Ct)).ReadAsync<JsonElement>();
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnApplyDoesAtEveryLocationWhatItsPreviewSaid()
    {
        using var tenant = await api.NewTenantAsync();
        var phones = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            phones.Add((await tenant.CreateLabelledPhoneAsync($"Location {i}", "west")).Id);
        }
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "Hi", agentName = "Ava" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phones[1]}/settings/voice"), new { greeting = "Own", agentName = "Bo" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phones[2]}/settings/voice"), new { agentName = "Cy" }, "\"v0\"");
        var operation = new { kind = "reset", section = "voice", fields = new[] { "agentName" } };

        var preview = await tenant.PreviewAsync(new { phoneIds = phones }, operation);
        var applied = await tenant.ApplyAsync(new { phoneIds = phones }, operation);

        Assert.Equal(Counts(preview), Counts(applied));
        Assert.Equal((2, 3, 0), Counts(applied));
        foreach (var phoneId in phones)
        {
            var (planned, done) = (Item(preview, phoneId), Item(applied, phoneId));
            Assert.Equal(planned.GetProperty("outcome").GetString(), done.GetProperty("outcome").GetString());
            Assert.Equal(planned.GetProperty("changes").GetRawText(), done.GetProperty("changes").GetRawText());
        }
        Assert.Equal("Ava", (await tenant.VoiceAsync(phones[1])).GetProperty("effective").GetProperty("agentName").GetString());
        Assert.Equal("Own", (await tenant.VoiceAsync(phones[1])).GetProperty("effective").GetProperty("greeting").GetString());
        var revisionId = Item(applied, phones[1]).GetProperty("revisionId").GetString();
        var revision = await (await tenant.Viewer.GetAsync(tenant.Path($"/history/{revisionId}"), Ct)).ReadAsync<JsonElement>();
        Assert.Equal(("bulkEdit", Id(applied)), (revision.GetProperty("actor").GetProperty("kind").GetString(), revision.GetProperty("actor").GetProperty("id").GetString()));
        var history = await (await tenant.Viewer.GetAsync(tenant.Path($"/history?actor={Id(applied)}"), Ct)).ReadAsync<JsonElement>();
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ACopyGivesEachLocationTheSourcesOwnLayerSoWhatItInheritsStaysInherited()
    {
        using var tenant = await api.NewTenantAsync();
        var source = await tenant.CreateLabelledPhoneAsync("Oakland");
        var first = await tenant.CreateLabelledPhoneAsync("San Jose", "west-coast");
        var second = await tenant.CreateLabelledPhoneAsync("Fresno", "west-coast");
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "Hi" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{source.Id}/settings/voice"), new { agentName = "Mia" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{second.Id}/settings/voice"), new { greeting = "Fresno's" }, "\"v0\"");

        await tenant.ApplyAsync(new { label = "west-coast" }, new { kind = "copy", section = "voice", fromPhoneId = source.Id });

        foreach (var phone in new[] { first, second })
        {
            var voice = await tenant.VoiceAsync(phone.Id);
            Assert.Equal(("Mia", "phone"), (voice.GetProperty("effective").GetProperty("agentName").GetString(), voice.GetProperty("sources").GetProperty("agentName").GetString()));
            Assert.Equal(("Hi", "business"), (voice.GetProperty("effective").GetProperty("greeting").GetString(), voice.GetProperty("sources").GetProperty("greeting").GetString()));
        }
        await tenant.ApplyAsync(new { phoneIds = new[] { first.Id } }, new { kind = "copy", section = "voice" });
        var copied = await tenant.VoiceAsync(first.Id);
        Assert.Equal(("Hi", "phone"), (copied.GetProperty("effective").GetProperty("greeting").GetString(), copied.GetProperty("sources").GetProperty("greeting").GetString()));
    }

    [Fact]
    public async Task OneLocationWhoseOverrideMakesTheChangeInvalidFailsAloneWithWhy()
    {
        using var tenant = await api.NewTenantAsync();
        var plain = await tenant.CreateLabelledPhoneAsync("Plain", "all");
        var transferring = await tenant.CreateLabelledPhoneAsync("Transfers after hours", "all");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{transferring.Id}/settings/rules"),
            new { afterHours = new { action = "transfer", transferTo = "+14155550123" } }, "\"v0\"");
        var operation = Set("rules", new Dictionary<string, object?> { ["refusedTopics"] = new[] { "politics" }, ["afterHours"] = new Dictionary<string, object?> { ["transferTo"] = null } });

        var applied = await tenant.ApplyAsync(new { label = "all" }, operation);

        Assert.Equal((1, 0, 1), Counts(applied));
        Assert.Equal("change", Outcome(applied, plain.Id));
        var failed = Item(applied, transferring.Id);
        Assert.Equal("fail", failed.GetProperty("outcome").GetString());
        Assert.True(failed.GetProperty("problem").GetProperty("errors").TryGetProperty("afterHours.transferTo", out _), failed.GetRawText());
        var rules = await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{transferring.Id}/settings/rules"), Ct)).ReadAsync<JsonElement>();
        Assert.Equal("+14155550123", rules.GetProperty("effective").GetProperty("afterHours").GetProperty("transferTo").GetString());
    }

    [Fact]
    public async Task SettingLocationsInactiveFailsOnlyForThePrimaryAndNeedsAnAdmin()
    {
        using var tenant = await api.NewTenantAsync();
        var primary = await tenant.CreateLabelledPhoneAsync("Primary", "seasonal");
        var kiosk = await tenant.CreateLabelledPhoneAsync("Kiosk", "seasonal");
        var operation = new { kind = "active", isActive = false };

        using (var refused = await tenant.PostBulkAsync(Edit(new { label = "seasonal" }, operation)))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        var applied = await tenant.ApplyAsync(new { label = "seasonal" }, operation, tenant.Admin);

        Assert.Contains("primary phone cannot be deactivated", Item(applied, primary.Id).GetProperty("problem").GetProperty("detail").GetString());
        Assert.Equal(("fail", "change"), (Outcome(applied, primary.Id), Outcome(applied, kiosk.Id)));
        Assert.False((await tenant.GetPhoneAsync(kiosk.Id)).Phone.IsActive);
        Assert.True((await tenant.GetPhoneAsync(primary.Id)).Phone.IsActive);
    }

    [Fact]
    public async Task ServicesAreSwitchedOffAndOnAgainAtEachLocation()
    {
        using var tenant = await api.NewTenantAsync();
        var first = await tenant.CreateLabelledPhoneAsync("First", "spa");
        var second = await tenant.CreateLabelledPhoneAsync("Second", "spa");
        var (service, _, _) = await tenant.CreateServiceAsync("/services", "Massage");

        var off = await tenant.ApplyAsync(new { label = "spa" }, new { kind = "services", switchOff = new[] { service.Id } }, tenant.Admin);
        Assert.Equal((2, 0, 0), Counts(off));
        Assert.Equal([service.Id], (await tenant.ListPhoneServicesAsync(second.Id)).SwitchedOff);

        var on = await tenant.ApplyAsync(new { phoneIds = new[] { first.Id } }, new { kind = "services", switchOn = new[] { service.Id } }, tenant.Admin);
        Assert.Equal((1, 0, 0), Counts(on));
        Assert.Empty((await tenant.ListPhoneServicesAsync(first.Id)).SwitchedOff);
        Assert.Equal([service.Id], (await tenant.ListPhoneServicesAsync(second.Id)).SwitchedOff);
    }

    [Fact]
    public async Task RefusedEditsNameEveryBadField()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreateLabelledPhoneAsync("Only", "x");

        using var nothing = await tenant.PostBulkAsync(Edit(new { label = "nobody" }, Set("voice", new { greeting = "Hi" }), dryRun: true));
        Assert.Equal(["target"], (await nothing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        using var bad = await tenant.PostBulkAsync(Edit(new { label = "x", all = true },
            new { kind = "reset", section = "voice", fields = new[] { "greting" }, isActive = true }, dryRun: true));
        Assert.Equal(["operation.fields[0]", "operation.isActive", "target"], (await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        using var badField = await tenant.PostBulkAsync(Edit(new { all = true }, Set("voice", new { speakingRate = 9 }), dryRun: true));
        Assert.Equal(["operation.fields.speakingRate"], (await badField.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        var unknown = await tenant.PreviewAsync(new { phoneIds = new[] { "no-such-phone" } }, Set("voice", new { greeting = "Hi" }));
        Assert.Equal("fail", Outcome(unknown, "no-such-phone"));
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyStartsOneEdit()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreateLabelledPhoneAsync("Only", "x");
        var body = Edit(new { label = "x" }, Set("voice", new { greeting = "Once" }));

        using var first = await tenant.PostBulkAsync(body, idempotencyKey: "bulk-retry-1");
        using var again = await tenant.PostBulkAsync(body, idempotencyKey: "bulk-retry-1");

        var id = await StartedAsync(first);
        Assert.Equal(id, await StartedAsync(again));
        await tenant.FinishedAsync(id);
        var listed = await (await tenant.Viewer.GetAsync(tenant.Path("/bulk-edits"), Ct)).ReadAsync<JsonElement>();
        Assert.Equal([id], listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }
}
