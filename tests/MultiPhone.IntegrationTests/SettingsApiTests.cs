using MultiPhone.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using MultiPhone.Functions.Api;
using MultiPhone.Hours;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.IntegrationTests;

public sealed class SettingsApiTests(ApiFactory api)
{
    [Fact]
    public async Task ANewPhoneInheritsEverySectionFromTheSystemDefaults()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var (voice, etag) = await GetAsync<VoiceSettings>(tenant, phone.Id, "voice");

        Assert.True(voice.Inherits);
        Assert.Null(voice.Override);
        Assert.Equal(VoiceSettings.SystemDefault, voice.Effective);
        Assert.All(voice.Sources.Values, source => Assert.Equal(SettingSource.System, source));
        Assert.Equal(("\"v0\"", 0L), (etag, voice.Version));
    }

    [Fact]
    public async Task AnOverrideWinsFieldByFieldOverTheBusinessDefaultWhichWinsOverTheSystem()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await PutDefaultAsync(tenant, "voice", new { greeting = "Thanks for calling the business.", agentName = "Max" });

        var put = await PutAsync(tenant, phone.Id, "voice", new { agentName = "Mia" }, "\"v0\"");

        var voice = await put.ReadAsync<PhoneSectionResponse<VoiceSettings>>();
        Assert.Equal(("Mia", "Thanks for calling the business.", "en-US"), (voice.Effective.AgentName, voice.Effective.Greeting, voice.Effective.Language));
        Assert.Equal(SettingSource.Phone, voice.Sources["agentName"]);
        Assert.Equal(SettingSource.Business, voice.Sources["greeting"]);
        Assert.Equal(SettingSource.System, voice.Sources["language"]);
        Assert.Equal(new VoiceSettings { AgentName = "Mia" }, voice.Override);
    }

    [Fact]
    public async Task BusinessDefaultsReachInheritingPhonesLive()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await GetAsync<SmsSettings>(tenant, phone.Id, "sms");

        await PutDefaultAsync(tenant, "sms", new { signature = "The front desk" });

        var (sms, _) = await GetAsync<SmsSettings>(tenant, phone.Id, "sms");
        Assert.Equal(("The front desk", SettingSource.Business), (sms.Effective.Signature, sms.Sources["signature"]));
    }

    [Fact]
    public async Task ObjectsMergeFieldByFieldAndListsReplaceWhole()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await PutDefaultAsync(tenant, "rules", new
        {
            refusedTopics = new[] { "politics", "religion" },
            afterHours = new { action = "answer", message = "We open at nine." },
        });

        var put = await PutAsync(tenant, phone.Id, "rules", new { refusedTopics = new[] { "pricing" }, afterHours = new { action = "hangUp" } }, "\"v0\"");

        var rules = (await put.ReadAsync<PhoneSectionResponse<ConversationRules>>()).Effective;
        Assert.Equal(["pricing"], rules.RefusedTopics);
        Assert.Equal((AfterHoursAction.HangUp, "We open at nine."), (rules.AfterHours!.Action, rules.AfterHours.Message));
    }

    [Fact]
    public async Task DeletingAnOverrideReturnsTheSectionToInheritingAndBumpsItsVersion()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var put = await PutAsync(tenant, phone.Id, "hours", new { alwaysOpen = true }, "\"v0\"");

        var reset = await tenant.Editor.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{phone.Id}/settings/hours"), null, put.ETag());

        var hours = await reset.ReadAsync<PhoneSectionResponse<OperatingHours>>();
        Assert.True(hours.Inherits);
        Assert.Equal((2L, "\"v2\""), (hours.Version, reset.ETag()));
        Assert.False(hours.Effective.AlwaysOpen);
    }

    [Fact]
    public async Task TwoPeopleEditingDifferentSectionsBothSucceedButTheSecondOnTheSameSectionGetsPreconditionFailed()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (_, voiceETag) = await GetAsync<VoiceSettings>(tenant, phone.Id, "voice");
        var (_, smsETag) = await GetAsync<SmsSettings>(tenant, phone.Id, "sms");

        var voice = await PutAsync(tenant, phone.Id, "voice", new { agentName = "First" }, voiceETag);
        var sms = await PutAsync(tenant, phone.Id, "sms", new { signature = "Second" }, smsETag);
        var lostUpdate = await PutAsync(tenant, phone.Id, "voice", new { agentName = "Third" }, voiceETag);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (voice.StatusCode, sms.StatusCode));
        await lostUpdate.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal("First", (await GetAsync<VoiceSettings>(tenant, phone.Id, "voice")).View.Effective.AgentName);
    }

    [Fact]
    public async Task ConcurrentWritesOfOneSectionWithOneETagLetExactlyOneWin()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PutAsync(tenant, phone.Id, "voice", new { agentName = $"Agent {i}" }, "\"v0\"")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        Assert.Equal(1, (await GetAsync<VoiceSettings>(tenant, phone.Id, "voice")).View.Version);
    }

    [Fact]
    public async Task EveryBadFieldIsNamedAndNumbersAreStoredAsE164()
    {
        using var tenant = await api.NewTenantAsync(defaultCountry: "GB");
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextLondon(international: true));

        var bad = await PutAsync(tenant, phone.Id, "voice", new { speakingRate = 5, language = "klingon", transferNumber = "12", greeting = new string('x', 1001) }, "\"v0\"");
        var good = await PutAsync(tenant, phone.Id, "voice", new { transferNumber = "020 7946 0001" }, "\"v0\"");

        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["greeting", "language", "speakingRate", "transferNumber"], problem.ErrorFields());
        Assert.Equal("+442079460001", (await good.ReadAsync<PhoneSectionResponse<VoiceSettings>>()).Effective.TransferNumber);
    }

    [Fact]
    public async Task ACrossFieldRuleCanBeSatisfiedByTheBusinessDefault()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var withoutNumber = await PutAsync(tenant, phone.Id, "rules", new { afterHours = new { action = "transfer" } }, "\"v0\"");
        await PutDefaultAsync(tenant, "rules", new { afterHours = new { transferTo = "+14155550177" } });
        var withDefaultNumber = await PutAsync(tenant, phone.Id, "rules", new { afterHours = new { action = "transfer" } }, "\"v0\"");

        Assert.Equal(["afterHours.transferTo"], (await withoutNumber.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        var rules = await withDefaultNumber.ReadAsync<PhoneSectionResponse<ConversationRules>>();
        Assert.Equal(SettingSource.Business, rules.Sources["afterHours.transferTo"]);
    }

    [Fact]
    public async Task OverlappingHoursAreRefused()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var response = await PutAsync(tenant, phone.Id, "hours", new
        {
            weekly = new[] { new { day = "monday", open = "22:00", close = "02:00" }, new { day = "tuesday", open = "01:00", close = "05:00" } },
        }, "\"v0\"");

        Assert.Equal(["weekly[1]"], (await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
    }

    [Fact]
    public async Task APhoneCreatedFromTheTemplateOwnsACopyOfTheDefaults()
    {
        using var tenant = await api.NewTenantAsync();
        await PutDefaultAsync(tenant, "voice", new { greeting = "Template greeting" });

        var created = await tenant.PostPhoneAsync(new { phoneNumber = Numbers.NextUs(), displayName = "Copied", timezone = "UTC", settings = "copyDefaults" });
        var phone = await created.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created);
        var (defaults, defaultsETag) = await ReadAsync<DefaultSectionResponse<VoiceSettings>>(tenant, tenant.Path("/settings/defaults/voice"));
        await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path("/settings/defaults/voice"), new { greeting = "Changed later" }, defaultsETag);

        var (voice, _) = await GetAsync<VoiceSettings>(tenant, phone.Id, "voice");
        Assert.False(voice.Inherits);
        Assert.Equal("Template greeting", voice.Effective.Greeting);
        // Every defined field is the phone's own; a field whose fallback is "none" (null) stays with the system.
        Assert.Equal(["transferNumber"], voice.Sources.Where(s => s.Value != SettingSource.Phone).Select(s => s.Key));
        Assert.Equal(defaults.Effective, voice.Override);
    }

    [Fact]
    public async Task SettingsOfAMissingPhoneAreNotFound()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{Guid.NewGuid()}/settings/voice"), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task DeletingAPhoneRemovesItsSettings()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await PutAsync(tenant, phone.Id, "voice", new { agentName = "Gone soon" }, "\"v0\"");

        (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{phone.Id}"), null, etag)).EnsureSuccessStatusCode();

        var database = api.Services.GetRequiredService<Microsoft.Azure.Cosmos.Database>();
        using var stored = await database.GetContainer("settings").ReadItemStreamAsync(
            $"{phone.Id}:voice", new Microsoft.Azure.Cosmos.PartitionKey(tenant.BusinessId), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    private static Task<HttpResponseMessage> PutAsync(Tenant tenant, string phoneId, string section, object body, string ifMatch) =>
        tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phoneId}/settings/{section}"), body, ifMatch);

    private static async Task PutDefaultAsync(Tenant tenant, string section, object body)
    {
        var (_, etag) = await ReadAsync<JsonElement>(tenant, tenant.Path($"/settings/defaults/{section}"));
        (await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/settings/defaults/{section}"), body, etag)).EnsureSuccessStatusCode();
    }

    private static async Task<(PhoneSectionResponse<T> View, string ETag)> GetAsync<T>(Tenant tenant, string phoneId, string section)
        where T : class, ISettingsSection<T> =>
        await ReadAsync<PhoneSectionResponse<T>>(tenant, tenant.Path($"/phone-numbers/{phoneId}/settings/{section}"));

    private static async Task<(T Body, string ETag)> ReadAsync<T>(Tenant tenant, string url)
    {
        var response = await tenant.Viewer.GetAsync(url, TestContext.Current.CancellationToken);
        return (await response.ReadAsync<T>(), response.ETag());
    }
}
