using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Realtime;
using static MultiPhone.IntegrationTests.BulkEdits.BulkEditCalls;

namespace MultiPhone.IntegrationTests.BulkEdits;

/// <summary>A bulk edit as subscribers see it: its progress on the business channel, and each location's new values on its own channels.</summary>
public sealed class BulkEditsLiveTests(RealtimeFactory api) : IClassFixture<RealtimeFactory>
{
    [Fact]
    public async Task AnEditsProgressIsAnnouncedAndEachLocationsVoiceChannelCarriesTheChange()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreateLabelledPhoneAsync("First", "live");
        var second = await tenant.CreateLabelledPhoneAsync("Second", "live");
        await using var console = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await console.SubscribeOrFailAsync($"business:{tenant.BusinessId}");
        await console.SubscribeOrFailAsync($"phone:{second.Id}:voice");

        var edit = await tenant.ApplyAsync(new { label = "live" }, Set("voice", new { greeting = "Bulk and live" }));

        var completed = await console.NextAsync(m => m.Type() == "bulkEdit.changed" && m.Text("data", "status") == "completed", "bulkEdit.changed (completed)");
        Assert.Equal((Id(edit), $"business:{tenant.BusinessId}"), (completed.Text("itemId"), completed.Channel()));
        Assert.Equal("2", completed.Text("data", "counts", "changed"));
        var voice = await console.NextAsync(m => m.Channel() == $"phone:{second.Id}:voice" && m.Text("data", "effective", "greeting") == "Bulk and live", "the new greeting");
        Assert.Equal("bulkedit:" + Id(edit), voice.Text("changedBy"));
    }
}
