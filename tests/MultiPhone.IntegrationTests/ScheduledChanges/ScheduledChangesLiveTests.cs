using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Realtime;
using static MultiPhone.IntegrationTests.ScheduledChanges.ScheduledChangeCalls;

namespace MultiPhone.IntegrationTests.ScheduledChanges;

/// <summary>Scheduled changes as subscribers see them: the change itself on the business channel, and what it changes when it applies.</summary>
public sealed class ScheduledChangesLiveTests(RealtimeFactory api) : IClassFixture<RealtimeFactory>
{
    [Fact]
    public async Task SchedulingAndApplyingAreAnnouncedAndTheVoiceChannelCarriesTheNewGreetingAtItsTime()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await using var console = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await console.SubscribeOrFailAsync($"business:{tenant.BusinessId}");
        await console.SubscribeOrFailAsync($"phone:{phone.Id}:voice");

        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        var (change, _) = await tenant.ScheduleAsync(phone.Id, Body("voice", new { greeting = "Live at its time" }, new { instant = due.ToString("O") }));

        var scheduled = await console.NextAsync(m => m.Type() == "scheduled.changed" && m.Text("data", "status") == "pending", "scheduled.changed (pending)");
        Assert.Equal((Id(change), $"business:{tenant.BusinessId}"), (scheduled.Text("itemId"), scheduled.Channel()));
        var voice = await console.NextAsync(
            m => m.Channel() == $"phone:{phone.Id}:voice" && m.Text("data", "effective", "greeting") == "Live at its time", "the new greeting on the voice channel");
        Assert.True(DateTimeOffset.Parse(voice.Text("changedAt")!) >= due, $"Changed at {voice.Text("changedAt")}, before its time {due:O}");
        var applied = await console.NextAsync(m => m.Type() == "scheduled.changed" && m.Text("data", "status") == "applied", "scheduled.changed (applied)");
        Assert.Equal(Id(change), applied.Text("itemId"));
        Assert.Equal("schedule:" + Id(change), voice.Text("changedBy"));
    }
}
