using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.IntegrationTests.Infrastructure;
using static MultiPhone.IntegrationTests.History.HistoryCalls;

namespace MultiPhone.IntegrationTests.History;

/// <summary>Every write of a business's configuration leaves one revision: who, when, what changed; history reads and restores them.</summary>
public sealed class HistoryTests(ApiFactory api)
{
    [Fact]
    public async Task EveryWriteRouteRecordsOneRevisionOfWhatItChangedByItsAuthor()
    {
        using var tenant = await api.NewTenantAsync();
        var known = await tenant.KnownIdsAsync();
        async Task<JsonElement> OneAsync(HttpResponseMessage response, string kind, string author, params string[] paths)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            var added = (await tenant.NewEntriesAsync(known)).Where(e => Kind(e) == kind).ToList();
            var entry = Assert.Single(added);
            known.Add(Id(entry));
            Assert.Equal($"{author}-of-{tenant.BusinessId}", entry.GetProperty("actor").GetProperty("id").GetString());
            Assert.Equal("user", entry.GetProperty("actor").GetProperty("kind").GetString());
            Assert.Equal(author.ToLowerInvariant(), entry.GetProperty("actor").GetProperty("role").GetString());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("requestId").GetString()));
            foreach (var path in paths)
            {
                Assert.Contains(path, Paths(entry));
            }
            return entry;
        }

        var (phone, phoneETag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Downtown");
        // The phone, and the business naming its first phone primary.
        var created = await tenant.NewEntriesAsync(known);
        Assert.Equal(["phone", "business"], created.Select(Kind));
        Assert.Equal(["primaryPhoneId"], Paths(created[1]));
        known.UnionWith(created.Select(Id));
        var voice = await OneAsync(
            await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { agentName = "Mia" }, "\"v0\""),
            "phoneSection", "Editor", "agentName");
        Assert.Equal("voice", voice.GetProperty("target").GetProperty("section").GetString());
        Assert.Equal("\"Mia\"", After(voice, "agentName"));
        await OneAsync(await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path("/settings/defaults/sms"), new { signature = "Front desk" }, "\"v0\""),
            "defaultSection", "Editor", "signature");
        await OneAsync(await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}"),
            PhoneCalls.NewPhone(phone.PhoneNumber, "Uptown"), phoneETag), "phone", "Admin", "displayName");
        var member = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/staff"), new { name = "Dana" });
        await OneAsync(member, "staff", "Admin", "name");
        var staffId = (await member.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetString();
        await OneAsync(await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/staff/{staffId}"), new { name = "Dana R." }, member.ETag()),
            "staff", "Admin", "name");
        await OneAsync(await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}/staff"),
            new { assignments = new[] { new { staffId } } }, "\"v0\""), "staffAssignments", "Admin", "assignments");
        var service = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/services"), new { name = "Cleaning" });
        await OneAsync(service, "service", "Admin", "name");
        var serviceId = (await service.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetString();
        await OneAsync(await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}/services/switched-off"),
            new { businessServiceIds = new[] { serviceId } }, "\"v0\""), "switchedOffServices", "Admin", "businessServiceIds");
        var own = await OneAsync(await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path($"/phone-numbers/{phone.Id}/services"), new { name = "Whitening" }),
            "service", "Admin", "name");
        Assert.Equal(phone.Id, own.GetProperty("target").GetProperty("phoneId").GetString());
        var business = await tenant.Viewer.GetAsync(tenant.Path(), TestContext.Current.CancellationToken);
        await OneAsync(await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path(), new { name = "Renamed business" }, business.ETag()),
            "business", "Admin", "name");
        var removed = await OneAsync(await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/staff/{staffId}"), null, "\"v2\""), "staff", "Admin", "name");
        Assert.Equal("delete", removed.GetProperty("operation").GetString());
    }

    [Fact]
    public async Task RestoringAVersionRollsTheSectionBackAndRecordsWhatItUndid()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/settings/voice");
        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Hello" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Hi", agentName = "Mia" }, "\"v1\"");
        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Hey" }, "\"v2\"");
        var first = (await tenant.HistoryAsync("?section=voice", phone.Id))[^1];

        var restored = await tenant.Editor.SendJsonAsync(HttpMethod.Post, tenant.Path($"/phone-numbers/{phone.Id}/history/{Id(first)}/restore"), new { to = "after" }, "\"v3\"");

        var body = await restored.ReadAsync<JsonElement>();
        Assert.Equal("Hello", body.GetProperty("override").GetProperty("greeting").GetString());
        Assert.Equal("\"v4\"", restored.ETag());
        Assert.Equal("Hello", (await tenant.GetAgentConfigAsync(phone.Id)).Voice.Effective.Greeting);
        var latest = (await tenant.HistoryAsync("?section=voice", phone.Id))[0];
        Assert.Equal(Id(first), latest.GetProperty("restoredFrom").GetString());
        Assert.Equal(["greeting"], Paths(latest));
        Assert.Equal("\"Hello\"", After(latest, "greeting"));
    }

    [Fact]
    public async Task UndoingOneChangeRefusesFieldsChangedSinceUnlessForced()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/settings/voice");
        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Hello" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Hello", agentName = "Mia" }, "\"v1\"");
        var history = await tenant.HistoryAsync("?section=voice", phone.Id);
        var (setGreeting, setName) = (history[1], history[0]);
        string Restore(JsonElement entry) => tenant.Path($"/phone-numbers/{phone.Id}/history/{Id(entry)}/restore");

        var undone = await tenant.Editor.SendJsonAsync(HttpMethod.Post, Restore(setName), new { to = "before" }, "\"v2\"");
        var body = await undone.ReadAsync<JsonElement>();
        Assert.Equal("Hello", body.GetProperty("override").GetProperty("greeting").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("override").GetProperty("agentName").ValueKind);

        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Hey" }, "\"v3\"");
        var refused = await tenant.Editor.SendJsonAsync(HttpMethod.Post, Restore(setGreeting), new { to = "before" }, "\"v4\"");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict, "history-conflict");
        Assert.Equal(["greeting"], problem.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));

        var forced = await tenant.Editor.SendJsonAsync(HttpMethod.Post, Restore(setGreeting), new { to = "before", force = true }, "\"v4\"");
        Assert.True((await forced.ReadAsync<JsonElement>()).GetProperty("inherits").GetBoolean());
    }

    [Fact]
    public async Task ADefaultChangeNamesThePhonesItReachedAndThoseOverridingIt()
    {
        using var tenant = await api.NewTenantAsync();
        var (follower, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (overrider, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{overrider.Id}/settings/voice"), new { greeting = "Ours" }, "\"v0\"");

        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { greeting = "Everyone's" }, "\"v0\"");

        var entry = (await tenant.HistoryAsync("?section=voice&target=defaultSection")).Single();
        Assert.Equal([follower.Id], Strings(entry, "affectedPhoneIds"));
        Assert.Equal([overrider.Id], Strings(entry, "unaffectedPhoneIds"));
        var inherited = (await tenant.HistoryAsync("?section=voice", follower.Id)).Single();
        Assert.True(inherited.GetProperty("inherited").GetBoolean());
        Assert.Equal("business", inherited.GetProperty("changes")[0].GetProperty("sourceAfter").GetString());
        Assert.DoesNotContain(await tenant.HistoryAsync("?section=voice", overrider.Id), e => Kind(e) == "defaultSection");
    }

    [Fact]
    public async Task AnotherBusinesssRevisionIsNotFoundOnEveryHistoryRoute()
    {
        using var owner = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (phone, _) = await owner.CreatePhoneAsync(Numbers.NextUs());
        var (otherPhone, _) = await other.CreatePhoneAsync(Numbers.NextUs());
        await owner.Editor.PutOrFailAsync(owner.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "Secret" }, "\"v0\"");
        var revisionId = Id((await owner.HistoryAsync("?section=voice", phone.Id))[0]);

        foreach (var path in new[] { $"/history/{revisionId}", $"/phone-numbers/{otherPhone.Id}/history/{revisionId}" })
        {
            await (await other.Viewer.GetAsync(other.Path(path), TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await other.Admin.SendJsonAsync(HttpMethod.Post, other.Path(path + "/restore"), null, "*")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        await (await other.Viewer.GetAsync(other.Path($"/phone-numbers/{phone.Id}/history"), TestContext.Current.CancellationToken))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain(await other.HistoryAsync("?pageSize=200"), e => Id(e) == revisionId);
        await (await owner.Viewer.GetAsync(owner.Path($"/history/{revisionId}"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
    }

    [Fact]
    public async Task AViewerReadsHistoryButOnlyTheRoleThatWritesTheTargetRestoresIt()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Before");
        await tenant.Admin.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}"), PhoneCalls.NewPhone(phone.PhoneNumber, "After"), etag);
        var renamed = (await tenant.HistoryAsync("?target=phone", phone.Id))[0];
        var restore = tenant.Path($"/phone-numbers/{phone.Id}/history/{Id(renamed)}/restore");
        var current = await tenant.GetPhoneAsync(phone.Id);

        await (await tenant.Viewer.SendJsonAsync(HttpMethod.Post, restore, new { to = "before" }, current.ETag)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await tenant.Editor.SendJsonAsync(HttpMethod.Post, restore, new { to = "before" }, current.ETag)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var restored = await tenant.Admin.SendJsonAsync(HttpMethod.Post, restore, new { to = "before" }, current.ETag);

        Assert.Equal("Before", (await restored.ReadAsync<JsonElement>()).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task PagesFollowTheContinuationTokenNewestFirstWithoutRepeats()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/settings/sms");
        for (var version = 0; version < 7; version++)
        {
            await tenant.Editor.PutOrFailAsync(url, new { signature = $"S{version}" }, $"\"v{version}\"");
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var query = $"?section=sms&pageSize=3" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var page = await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}/history{query}"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => After(e, "signature")!));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(v => $"\"S{v}\""), seen);
    }

    [Fact]
    public async Task RevisionsExpireAfterTheBusinesssRetention()
    {
        using var tenant = await api.NewTenantAsync();
        var business = await tenant.Viewer.GetAsync(tenant.Path(), TestContext.Current.CancellationToken);
        var keptFor30Days = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path(), new { name = "Short memory", historyRetentionDays = 30 }, business.ETag());
        Assert.Equal(30, (await keptFor30Days.ReadAsync<JsonElement>()).GetProperty("historyRetentionDays").GetInt32());
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/sms"), new { signature = "Front desk" }, "\"v0\"");

        var entry = (await tenant.HistoryAsync("?section=sms", phone.Id)).Single();

        var settings = api.Services.GetRequiredService<Database>().GetContainer("settings");
        using var stored = await settings.ReadItemStreamAsync(Id(entry), new PartitionKey(tenant.BusinessId), cancellationToken: TestContext.Current.CancellationToken);
        var revision = await JsonDocument.ParseAsync(stored.Content, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(30 * 86_400, revision.RootElement.GetProperty("ttl").GetInt32());
        var properties = (await settings.ReadContainerAsync(cancellationToken: TestContext.Current.CancellationToken)).Resource;
        Assert.Equal(-1, properties.DefaultTimeToLive);
    }

    [Fact]
    public async Task AnEntryNamesItsAuthorByTheNameTheTokenCarries()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var token = api.Services.GetRequiredService<MultiPhone.Functions.Auth.TokenIssuer>()
            .Issue("dana", [(tenant.BusinessId, MultiPhone.Functions.Auth.BusinessRole.Editor)], [], name: "Dana Reyes");
        using var dana = api.ClientWithToken(token);

        await dana.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { agentName = "Mia" }, "\"v0\"");

        var actor = (await tenant.HistoryAsync("?section=voice", phone.Id)).Single().GetProperty("actor");
        Assert.Equal(("dana", "Dana Reyes", "editor"), (actor.GetProperty("id").GetString(), actor.GetProperty("name").GetString(), actor.GetProperty("role").GetString()));
    }
}
