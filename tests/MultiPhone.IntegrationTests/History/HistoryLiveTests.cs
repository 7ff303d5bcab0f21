using System.Text.Json;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Realtime;
using static MultiPhone.IntegrationTests.History.HistoryCalls;

namespace MultiPhone.IntegrationTests.History;

/// <summary>History as the change feed carries it: a message for every new revision, and the cap on a business's revisions.</summary>
public sealed class HistoryLiveTests(CappedHistoryFactory api) : IClassFixture<CappedHistoryFactory>
{
    [Fact]
    public async Task ANewRevisionIsAnnouncedOnTheBusinessAndPhoneChannels()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await using var console = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await console.SubscribeOrFailAsync($"business:{tenant.BusinessId}");
        await console.SubscribeOrFailAsync($"phone:{phone.Id}:settings");

        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "Live" }, "\"v0\"");

        foreach (var channel in new[] { $"business:{tenant.BusinessId}", $"phone:{phone.Id}:settings" })
        {
            // The phone's creation may be announced after subscribing too: this waits for the section's.
            var message = await console.NextAsync(
                m => m.Channel() == channel && m.Type() == "history.added" && m.Text("data", "target", "kind") == "phoneSection", $"history.added on {channel}");
            Assert.Equal(("voice", "\"Live\""), (message.Text("data", "target", "section"), After(message.GetProperty("data"), "greeting")));
        }
    }

    [Fact]
    public async Task ABusinessKeepsOnlyItsNewestRevisionsBeyondTheCap()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/settings/sms");
        for (var version = 0; version < CappedHistoryFactory.Cap + 5; version++)
        {
            await tenant.Editor.PutOrFailAsync(url, new { signature = $"S{version}" }, $"\"v{version}\"");
        }

        List<JsonElement> kept = [];
        await Wait.UntilAsync(async () => (kept = await tenant.HistoryAsync("?pageSize=200")).Count <= CappedHistoryFactory.Cap, "the history is cut to the cap");
        Assert.Equal($"\"S{CappedHistoryFactory.Cap + 4}\"", After(kept[0], "signature"));
    }
}

/// <summary>The app with its change feed on and a history cap small enough to reach in a test.</summary>
public sealed class CappedHistoryFactory : RealtimeFactory
{
    public const int Cap = 12;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        .. base.Settings(),
        ("History:MaxRevisionsPerBusiness", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("History:CapCheckInterval", "00:00:00"),
    ];
}
