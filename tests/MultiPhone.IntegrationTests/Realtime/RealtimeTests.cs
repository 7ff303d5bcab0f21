using System.Net;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>Changes made through the API reach subscribers through the change feed, the router and the app's hub.</summary>
public sealed class RealtimeTests(RealtimeFactory api)
{
    [Fact]
    public async Task AnEditReachesAnotherPersonOnThePhonesChannelsSayingWhoMadeIt()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await using var colleague = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await colleague.SubscribeOrFailAsync($"phone:{phone.Id}:settings");
        await colleague.SubscribeOrFailAsync($"phone:{phone.Id}:voice");

        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "Welcome to the harbor" }, "\"v0\"");

        var settings = await colleague.NextAsync($"phone:{phone.Id}:settings", "phone.settings.changed");
        var voice = await colleague.NextAsync($"phone:{phone.Id}:voice", "phone.voice.changed");
        Assert.Equal((tenant.BusinessId, phone.Id, $"Editor-of-{tenant.BusinessId}"),
            (settings.Text("businessId"), settings.Text("phoneId"), settings.Text("changedBy")));
        Assert.Equal(("1", "Welcome to the harbor", "phone"),
            (voice.Text("versions", "voice"), voice.Text("data", "effective", "greeting"), voice.Text("data", "sources", "greeting")));
    }

    [Fact]
    public async Task ADefaultChangeReachesEveryInheritingPhoneAndNoPhoneOverridingIt()
    {
        using var tenant = await api.NewTenantAsync();
        var (inherits, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Inherits");
        var (overrides, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Overrides");
        await using var console = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        foreach (var channel in new[] { $"business:{tenant.BusinessId}", $"phone:{inherits.Id}:voice", $"phone:{overrides.Id}:voice" })
        {
            await console.SubscribeOrFailAsync(channel);
        }
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{overrides.Id}/settings/voice"), new { agentName = "Own name" }, "\"v0\"");
        await console.NextAsync($"phone:{overrides.Id}:voice", "phone.voice.changed");

        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { agentName = "Ava" }, "\"v0\"");
        await console.NextAsync($"business:{tenant.BusinessId}", "defaults.changed");
        var reached = await console.NextAsync($"phone:{inherits.Id}:voice", "phone.voice.changed");
        // A later change of the overriding phone arrives after anything the default change could have sent it.
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{overrides.Id}/settings/voice"), new { agentName = "Own name", greeting = "Marker" }, "\"v1\"");
        var marker = await console.NextAsync(m => m.Channel() == $"phone:{overrides.Id}:voice" && m.Text("versions", "voice") == "3", "the marker");

        Assert.Equal("Ava", reached.Text("data", "effective", "agentName"));
        Assert.Equal("Marker", marker.Text("data", "effective", "greeting"));
        Assert.Equal(["1", "3"], console.Received.Where(m => m.Channel() == $"phone:{overrides.Id}:voice").Select(m => m.Text("versions", "voice")));
    }

    [Fact]
    public async Task PhonesAddedChangedAndRemovedAreAnnouncedOnTheBusinessChannel()
    {
        using var tenant = await api.NewTenantAsync();
        await using var console = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await console.SubscribeOrFailAsync($"business:{tenant.BusinessId}");

        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Downtown");
        await console.NextAsync(m => m.Type() is "phone.added" or "phone.updated" && m.Text("phoneId") == phone.Id, "the new phone");
        var renamed = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}"),
            new { displayName = "Uptown", timezone = "America/New_York" }, etag);
        await console.NextAsync(m => m.Type() == "phone.updated" && m.Text("versions", "phone") == "2", "the renamed phone");
        var removed = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{phone.Id}"), null, renamed.ETag());

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var gone = await console.NextAsync($"business:{tenant.BusinessId}", "phone.removed");
        Assert.Equal((phone.Id, "3"), (gone.Text("phoneId"), gone.Text("versions", "phone")));
        Assert.Empty(await tenant.ListPhonesAsync());
    }

    [Fact]
    public async Task WritesInQuickSuccessionAnnounceEachVersionAtMostOnceAndInOrder()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var voice = $"phone:{phone.Id}:voice";
        await using var agent = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await agent.SubscribeOrFailAsync(voice);

        // Each write wakes the feed as it commits, so the batch routing one write often reads the section after the
        // next has committed: its message already carries the next write's version, and so would the next write's own.
        const int Writes = 30;
        for (var i = 1; i <= Writes + 1; i++)
        {
            await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = $"Greeting {i}" }, $"\"v{i - 1}\"");
            if (i == Writes)
            {
                // Whatever the last write's own change sends is sent before the marker's: one feed, routed in order.
                await agent.NextAsync(m => m.Channel() == voice && m.Text("versions", "voice") == $"{Writes}", "the last write");
            }
        }
        await agent.NextAsync(m => m.Channel() == voice && m.Text("versions", "voice") == $"{Writes + 1}", "the marker");

        var versions = agent.Received.Where(m => m.Channel() == voice).Select(m => long.Parse(m.Text("versions", "voice")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Distinct().Order(), versions);
    }

    [Fact]
    public async Task AVoiceAgentGetsTheNewConfigurationAsSoonAsTheChangeArrives()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = api.ClientWithToken(api.Token("agent-1", [], PlatformRoles.VoiceAgent));
        var before = await AgentGreetingAsync(agent, phone.PhoneNumber);
        await using var listener = await RealtimeClient.ConnectAsync(api, api.Token("agent-1", [], PlatformRoles.VoiceAgent));
        await listener.SubscribeOrFailAsync($"phone:{phone.Id}:voice", tenant.BusinessId);

        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "Fresh greeting" }, "\"v0\"");
        await listener.NextAsync($"phone:{phone.Id}:voice", "phone.voice.changed");

        // The cache keeps entries for 30 s here: only the change feed can have made this read fresh.
        Assert.NotEqual("Fresh greeting", before);
        Assert.Equal("Fresh greeting", await AgentGreetingAsync(agent, phone.PhoneNumber));
    }

    private static async Task<string?> AgentGreetingAsync(HttpClient agent, string number)
    {
        using var response = await agent.GetAsync($"/api/v2/voice/agent-config?to={Uri.EscapeDataString(number)}", TestContext.Current.CancellationToken);
        var body = await response.ReadAsync<System.Text.Json.JsonElement>();
        return body.Text("voice", "effective", "greeting");
    }
}
