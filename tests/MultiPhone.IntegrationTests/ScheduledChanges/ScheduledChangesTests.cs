using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using MultiPhone.ScheduledChanges;
using static MultiPhone.IntegrationTests.ScheduledChanges.ScheduledChangeCalls;

namespace MultiPhone.IntegrationTests.ScheduledChanges;

/// <summary>Changes applied at their time by their orchestration, in each location's own time zone.</summary>
public sealed class ScheduledChangesTests(ApiFactory api)
{
    [Fact]
    public async Task APhoneChangeAppliesAtItsTimeOnceAndItsRevisionSaysSo()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (change, etag) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { greeting = "Happy holidays" }, new { instant = In(TimeSpan.FromSeconds(2)) }));
        Assert.Equal("pending", Status(change));
        Assert.Equal("\"v1\"", etag);
        Assert.NotEqual("Happy holidays", await tenant.GreetingAsync(phone.Id));

        var applied = Application(await tenant.ResolvedAsync(Id(change)), phone.Id);
        Assert.Equal("applied", applied.GetProperty("status").GetString());
        Assert.Equal("Happy holidays", await tenant.GreetingAsync(phone.Id));
        var revisionId = applied.GetProperty("revisionId").GetString();
        var revision = await (await tenant.Viewer.GetAsync(tenant.Path($"/history/{revisionId}"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Equal("schedule", revision.GetProperty("actor").GetProperty("kind").GetString());
        Assert.Equal(Id(change), revision.GetProperty("scheduled").GetProperty("changeId").GetString());
        Assert.Equal($"Editor-of-{tenant.BusinessId}", revision.GetProperty("scheduled").GetProperty("scheduledBy").GetProperty("id").GetString());
        Assert.True(revision.GetProperty("scheduled").GetProperty("lateByMs").GetInt64() >= 0);
        var history = await (await tenant.Viewer.GetAsync(tenant.Path($"/history?actor={Id(change)}"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Single(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task NoChangeAppliesBeforeItsTimeEvenAtAFractionOfASecond()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var start = DateTimeOffset.UtcNow.AddSeconds(3);
        // Durable's storage timers count whole seconds: instants just short of the next second would fire early.
        var at = start.AddTicks(-(start.UtcTicks % TimeSpan.TicksPerSecond)).AddSeconds(1).AddMilliseconds(-50);
        var changes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (change, _) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { greeting = $"Change {i}" }, new { instant = at.AddSeconds(i).ToString("O") }));
            changes.Add(Id(change));
        }
        foreach (var id in changes)
        {
            var applied = Application(await tenant.ResolvedAsync(id), phone.Id);
            var (due, appliedAt) = (applied.GetProperty("dueAt").GetDateTimeOffset(), applied.GetProperty("appliedAt").GetDateTimeOffset());
            Assert.True(appliedAt >= due, $"Applied at {appliedAt:O}, before its time {due:O}");
        }
    }

    [Fact]
    public async Task APhonesNameAndActiveFlagChangeAtTheirTime()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Primary");
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Seasonal kiosk");
        var (change, _) = await tenant.ScheduleAsync(phone.Id,
            Body("phone", new { displayName = "Winter kiosk", isActive = false }, new { instant = In(TimeSpan.FromSeconds(2)) }), tenant.Admin);

        Assert.Equal("applied", Status(await tenant.ResolvedAsync(Id(change))));
        var (details, _) = await tenant.GetPhoneAsync(phone.Id);
        Assert.Equal(("Winter kiosk", false), (details.DisplayName, details.IsActive));
    }

    [Fact]
    public async Task AFieldScheduledAsNullInheritsTheDefaultAgainWhenItApplies()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "The default" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "Its own", agentName = "Mia" }, "\"v0\"");
        var (change, _) = await tenant.ScheduleAsync(phone.Id, Body("voice", new Dictionary<string, object?> { ["greeting"] = null }, new { instant = In(TimeSpan.FromSeconds(2)) }));
        Assert.Equal(JsonValueKind.Null, change.GetProperty("set").GetProperty("greeting").ValueKind);

        Assert.Equal("applied", Status(await tenant.ResolvedAsync(Id(change))));
        var voice = (await tenant.GetAgentConfigAsync(phone.Id)).Voice;
        Assert.Equal(("The default", "Mia"), (voice.Effective.Greeting, voice.Effective.AgentName));
    }

    [Fact]
    public async Task ACancelledChangeNeverAppliesAndACancelAfterApplyingIsAConflict()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (cancelled, _) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { greeting = "Never" }, new { instant = In(TimeSpan.FromSeconds(2)) }));
        using (var cancel = await tenant.Editor.SendJsonAsync(HttpMethod.Delete, Url(tenant, phone.Id, Id(cancelled)), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        }
        // A later change applying proves the cancelled one's time has passed.
        var (later, _) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { agentName = "Mia" }, new { instant = In(TimeSpan.FromSeconds(3)) }));
        Assert.Equal("applied", Status(await tenant.ResolvedAsync(Id(later))));
        Assert.NotEqual("Never", await tenant.GreetingAsync(phone.Id));
        Assert.Equal("cancelled", Status(await tenant.GetChangeAsync(Id(cancelled))));
        using var again = await tenant.Editor.SendJsonAsync(HttpMethod.Delete, Url(tenant, phone.Id, Id(later)), null);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "schedule-not-pending");
    }

    [Fact]
    public async Task ARescheduledChangeAppliesAsRescheduledOnly()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (change, etag) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { greeting = "First plan" }, new { instant = In(TimeSpan.FromHours(1)) }));
        using var stale = await tenant.Editor.SendJsonAsync(HttpMethod.Put, Url(tenant, phone.Id, Id(change)),
            Body("voice", new { greeting = "Second plan" }, new { instant = In(TimeSpan.FromSeconds(2)) }), "\"v9\"");
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        using var moved = await tenant.Editor.SendJsonAsync(HttpMethod.Put, Url(tenant, phone.Id, Id(change)),
            Body("voice", new { greeting = "Second plan" }, new { instant = In(TimeSpan.FromSeconds(2)) }), etag);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("\"v2\"", moved.ETag());
        Assert.Equal("applied", Status(await tenant.ResolvedAsync(Id(change))));
        Assert.Equal("Second plan", await tenant.GreetingAsync(phone.Id));
    }

    [Fact]
    public async Task ALaterManualChangeOfTheSameFieldSkipsTheChangeUnlessItSaysApply()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/settings/voice");
        var (skipping, _) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { greeting = "Scheduled" }, new { instant = In(TimeSpan.FromSeconds(3)) }));
        var (applying, _) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { agentName = "Scheduled name" }, new { instant = In(TimeSpan.FromSeconds(3)) }, "apply"));
        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Manual", agentName = "Manual name" }, "\"v0\"");

        var skipped = Application(await tenant.ResolvedAsync(Id(skipping)), phone.Id);
        Assert.Equal("skipped", skipped.GetProperty("status").GetString());
        Assert.Equal(["greeting"], skipped.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("applied", Status(await tenant.ResolvedAsync(Id(applying))));
        var voice = (await tenant.GetAgentConfigAsync(phone.Id)).Voice.Effective;
        Assert.Equal(("Manual", "Scheduled name"), (voice.Greeting, voice.AgentName));
    }

    [Fact]
    public async Task ADefaultChangeAtALocalTimeReachesEachZoneAtItsOwnTime()
    {
        using var tenant = await api.NewTenantAsync();
        var newYork = await CreatePhoneInAsync(tenant, "America/New_York");
        var losAngeles = await CreatePhoneInAsync(tenant, "America/Los_Angeles");
        var overriding = await CreatePhoneInAsync(tenant, "America/Chicago");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{overriding}/settings/voice"), new { greeting = "Own greeting" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "Old default" }, "\"v0\"");

        var (change, _) = await tenant.ScheduleAsync(null, Body("voice", new { greeting = "New default" }, new { localTime = "2031-01-06T09:00" }));
        var applications = change.GetProperty("applications").EnumerateArray().ToDictionary(a => a.GetProperty("phoneId").GetString()!);
        Assert.Equal([newYork, losAngeles], applications.Keys);
        Assert.Equal("2031-01-06T14:00:00+00:00", applications[newYork].GetProperty("dueAt").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz"));
        Assert.Equal("2031-01-06T17:00:00+00:00", applications[losAngeles].GetProperty("dueAt").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz"));
        Assert.All(applications.Values, a => Assert.Equal("2031-01-06T09:00", a.GetProperty("localDueAt").GetString()));

        // Previews: between the two times New York has it and Los Angeles does not; after both, both.
        const string Between = "2031-01-06T15:00:00Z", After = "2031-01-06T18:00:00Z";
        Assert.Equal(("New default", "Old default"), (await tenant.GreetingAsync(newYork, Between), await tenant.GreetingAsync(losAngeles, Between)));
        Assert.Equal(("New default", "New default"), (await tenant.GreetingAsync(newYork, After), await tenant.GreetingAsync(losAngeles, After)));
        Assert.Equal("Own greeting", await tenant.GreetingAsync(overriding, After));
        var defaults = await (await tenant.Viewer.GetAsync(tenant.Path($"/settings/defaults/voice?at={Between}"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Equal("New default", defaults.GetProperty("effective").GetProperty("greeting").GetString());

        // Applied as its orchestration does at each time (called directly: the times are years ahead).
        var applier = api.Services.GetRequiredService<ScheduleApplier>();
        var id = Id(change);
        Assert.Equal(ScheduleStatus.Pending, await applier.ApplyDueAsync(tenant.BusinessId, id, 1, new DateTimeOffset(2031, 1, 6, 14, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken));
        Assert.Equal(("New default", "Old default"), (await tenant.GreetingAsync(newYork), await tenant.GreetingAsync(losAngeles)));
        var held = await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{losAngeles}/settings/voice"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Equal("phone", held.GetProperty("sources").GetProperty("greeting").GetString());
        Assert.Equal(ScheduleStatus.Applied, await applier.ApplyDueAsync(tenant.BusinessId, id, 1, new DateTimeOffset(2031, 1, 6, 17, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken));
        Assert.Equal(("New default", "New default"), (await tenant.GreetingAsync(newYork), await tenant.GreetingAsync(losAngeles)));
        var released = await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{losAngeles}/settings/voice"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Equal("business", released.GetProperty("sources").GetProperty("greeting").GetString());
        // Run again (a crash after writing): nothing is written twice.
        var before = await RevisionCountAsync(tenant, id);
        await applier.ApplyDueAsync(tenant.BusinessId, id, 1, new DateTimeOffset(2031, 1, 6, 17, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken);
        Assert.Equal(before, await RevisionCountAsync(tenant, id));
        Assert.Equal(3, before);
    }

    [Fact]
    public async Task ScheduledChangesAreTheirBusinesssAndNeedTheRightRole()
    {
        using var tenant = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (change, etag) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { greeting = "Later" }, new { instant = In(TimeSpan.FromHours(2)) }));
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var response = await other.Admin.SendJsonAsync(method, Url(other, null, Id(change)), null);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        using (var put = await other.Admin.SendJsonAsync(HttpMethod.Put, Url(other, null, Id(change)), Body("voice", new { greeting = "x" }, new { instant = In(TimeSpan.FromHours(2)) }), etag))
        {
            await put.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        Assert.Empty((await (await other.Viewer.GetAsync(Url(other, null), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        using (var viewer = await tenant.Viewer.SendJsonAsync(HttpMethod.Post, Url(tenant, phone.Id), Body("voice", new { greeting = "x" }, new { instant = In(TimeSpan.FromHours(1)) })))
        {
            await viewer.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        using (var editor = await tenant.Editor.SendJsonAsync(HttpMethod.Post, Url(tenant, phone.Id), Body("phone", new { isActive = false }, new { instant = In(TimeSpan.FromHours(1)) })))
        {
            await editor.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        await tenant.ScheduleAsync(phone.Id, Body("phone", new { displayName = "Renamed later" }, new { instant = In(TimeSpan.FromHours(1)) }), tenant.Admin);
        var listed = await (await tenant.Viewer.GetAsync(Url(tenant, phone.Id) + "?status=pending", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AChangeThatCannotApplyIsRefusedWhenScheduled()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        async Task<string[]> RefusedAsync(object body) =>
            (await (await tenant.Editor.SendJsonAsync(HttpMethod.Post, Url(tenant, phone.Id), body)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields();
        Assert.Equal(["at"], await RefusedAsync(Body("voice", new { greeting = "x" }, new { instant = In(TimeSpan.FromMinutes(-1)) })));
        Assert.Equal(["set.greetng"], await RefusedAsync(Body("voice", new { greetng = "x" }, new { instant = In(TimeSpan.FromHours(1)) })));
        Assert.Equal(["section"], await RefusedAsync(Body("music", new { greeting = "x" }, new { instant = In(TimeSpan.FromHours(1)) })));
        Assert.Equal(["at"], await RefusedAsync(Body("voice", new { greeting = "x" }, new { localTime = "2031-01-06 09:00" })));
        Assert.Equal(["at"], await RefusedAsync(Body("voice", new { greeting = "x" }, new { localTime = "2031-01-06T09:00", timeZone = "Mars/Olympus" })));
    }

    private static async Task<string> CreatePhoneInAsync(Tenant tenant, string timezone)
    {
        var response = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs(), timezone, timezone));
        return (await response.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created)).Id;
    }

    private static async Task<int> RevisionCountAsync(Tenant tenant, string changeId) =>
        (await (await tenant.Viewer.GetAsync(tenant.Path($"/history?actor={changeId}"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>())
            .GetProperty("items").GetArrayLength();
}
