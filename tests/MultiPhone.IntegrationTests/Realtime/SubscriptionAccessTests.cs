using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Realtime;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>Who may listen to what: the same answers the REST routes give for the data a channel carries.</summary>
public sealed class SubscriptionAccessTests(RealtimeFactory api)
{
    [Fact]
    public async Task ChannelsAreAuthorizedLikeTheRestRoutes()
    {
        using var mine = await api.NewTenantAsync();
        using var theirs = await api.NewTenantAsync();
        var (myPhone, _) = await mine.CreatePhoneAsync(Numbers.NextUs());
        var (theirPhone, _) = await theirs.CreatePhoneAsync(Numbers.NextUs());
        var viewer = mine.Token(BusinessRole.Viewer);
        var agent = api.Token("agent-7", [], PlatformRoles.VoiceAgent);
        var ops = api.Token("ops-7", [], PlatformRoles.Ops);
        var cases = new (string Who, string Token, string Channel, string? BusinessId, HttpStatusCode Expected)[]
        {
            ("a viewer, their business", viewer, $"business:{mine.BusinessId}", null, HttpStatusCode.NoContent),
            ("a viewer, their phone's settings", viewer, $"phone:{myPhone.Id}:settings", null, HttpStatusCode.NoContent),
            ("a viewer, their phone's hours", viewer, $"phone:{myPhone.Id}:hours", null, HttpStatusCode.NoContent),
            ("a viewer, another business", viewer, $"business:{theirs.BusinessId}", null, HttpStatusCode.NotFound),
            ("a viewer of X, a phone of Y", viewer, $"phone:{theirPhone.Id}:settings", null, HttpStatusCode.NotFound),
            ("a viewer of X, a phone of Y naming Y", viewer, $"phone:{theirPhone.Id}:voice", theirs.BusinessId, HttpStatusCode.NotFound),
            ("a viewer, a phone that does not exist", viewer, $"phone:{Guid.NewGuid()}:voice", null, HttpStatusCode.NotFound),
            ("a voice agent, a phone's voice", agent, $"phone:{theirPhone.Id}:voice", theirs.BusinessId, HttpStatusCode.NoContent),
            ("a voice agent, a phone's hours", agent, $"phone:{theirPhone.Id}:hours", theirs.BusinessId, HttpStatusCode.NoContent),
            ("a voice agent, a phone's settings", agent, $"phone:{theirPhone.Id}:settings", theirs.BusinessId, HttpStatusCode.NotFound),
            ("a voice agent, a business", agent, $"business:{theirs.BusinessId}", null, HttpStatusCode.NotFound),
            ("a voice agent, a phone under the wrong business", agent, $"phone:{theirPhone.Id}:voice", mine.BusinessId, HttpStatusCode.NotFound),
            ("ops, any business", ops, $"business:{theirs.BusinessId}", null, HttpStatusCode.NoContent),
            ("ops, any phone's settings", ops, $"phone:{theirPhone.Id}:settings", theirs.BusinessId, HttpStatusCode.NoContent),
            ("a malformed channel", viewer, $"phone:{myPhone.Id}", null, HttpStatusCode.BadRequest),
            ("an unknown kind of channel", viewer, $"phone:{myPhone.Id}:secrets", null, HttpStatusCode.BadRequest),
            ("an empty channel id", viewer, "business:", null, HttpStatusCode.BadRequest),
        };

        var wrong = new List<string>();
        foreach (var (who, token, channel, businessId, expected) in cases)
        {
            await using var client = await RealtimeClient.ConnectAsync(api, token);
            using var response = await client.SubscribeAsync(channel, businessId);
            if (response.StatusCode != expected)
            {
                wrong.Add($"{who} ({channel}): expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task NobodyCanSubscribeSomeoneElsesConnection()
    {
        using var tenant = await api.NewTenantAsync();
        await using var alice = await RealtimeClient.ConnectAsync(api, api.Token("alice", [(tenant.BusinessId, BusinessRole.Admin)]));
        await using var mallory = await RealtimeClient.ConnectAsync(api, api.Token("mallory", [(tenant.BusinessId, BusinessRole.Viewer)]));

        using var response = await mallory.SubscribeAsync($"business:{tenant.BusinessId}", connectionId: alice.Connection.ConnectionId);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task RefusingSomeoneElsesLiveConnectionTakesAsLongAsRefusingAnUnknownOne()
    {
        using var tenant = await api.NewTenantAsync();
        await using var alice = await RealtimeClient.ConnectAsync(api, api.Token("alice", [(tenant.BusinessId, BusinessRole.Admin)]));
        await using var mallory = await RealtimeClient.ConnectAsync(api, api.Token("mallory", [(tenant.BusinessId, BusinessRole.Viewer)]));

        var clock = Stopwatch.StartNew();
        using var response = await mallory.SubscribeAsync($"business:{tenant.BusinessId}", connectionId: alice.Connection.ConnectionId);

        // An unknown connection is waited for this long (a client may ask a moment before the hub has it), so a quicker
        // answer would tell that the connection exists.
        Assert.True(clock.Elapsed >= RealtimeConnections.HandshakeGrace, $"Answered after {clock.ElapsedMilliseconds} ms");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task NobodyCanUnsubscribeSomeoneElsesConnection()
    {
        using var tenant = await api.NewTenantAsync();
        using var stranger = await api.NewTenantAsync();
        var channel = $"business:{tenant.BusinessId}";
        await using var alice = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await alice.SubscribeOrFailAsync(channel);

        using var left = await stranger.Viewer.DeleteAsync(
            $"/api/v2/realtime/subscriptions?connectionId={Uri.EscapeDataString(alice.Connection.ConnectionId!)}&channel={Uri.EscapeDataString(channel)}",
            TestContext.Current.CancellationToken);
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        await left.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await alice.NextAsync(m => m.Channel() == channel && m.Text("phoneId") == phone.Id, "the phone added after the attempt");
    }

    [Fact]
    public async Task SubscriptionsAbandonedWhileWaitingForAConnectionLeaveNothingBehind()
    {
        using var tenant = await api.NewTenantAsync();
        var connections = api.Services.GetRequiredService<RealtimeConnections>();
        var http = tenant.Viewer;

        var abandoned = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsJsonAsync("/api/v2/realtime/subscriptions",
                new { connectionId = Guid.NewGuid().ToString("N"), channel = $"business:{tenant.BusinessId}" }, hangUp.Token));
        });
        await Task.WhenAll(abandoned);

        await Wait.UntilAsync(() => connections.Waiting == 0, "the abandoned waits are gone", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SubscribingNeedsATokenAndAConnection()
    {
        using var tenant = await api.NewTenantAsync();
        await using var client = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        using var anonymous = api.ClientWithToken(null);

        using var noToken = await anonymous.PostAsJsonAsync("/api/v2/realtime/subscriptions",
            new { connectionId = client.Connection.ConnectionId, channel = $"business:{tenant.BusinessId}" }, TestContext.Current.CancellationToken);
        using var noConnection = await client.SubscribeAsync($"business:{tenant.BusinessId}", connectionId: "");

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(["connectionId"], (await noConnection.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
    }

    [Fact]
    public async Task UnsubscribingTakesConnectionIdsThatStartWithADashOrAnUnderscore()
    {
        using var tenant = await api.NewTenantAsync();
        var channel = Uri.EscapeDataString($"business:{tenant.BusinessId}");

        // SignalR's connection ids are base64url: these are what about one connection in thirty gets.
        using var dash = await tenant.Viewer.DeleteAsync(
            $"/api/v2/realtime/subscriptions?connectionId=-Q4Urf8zzu1E96WTzqjVIQ&channel={channel}", TestContext.Current.CancellationToken);
        using var underscore = await tenant.Viewer.DeleteAsync(
            $"/api/v2/realtime/subscriptions?connectionId=_Q4Urf8zzu1E96WTzqjVIQ&channel={channel}", TestContext.Current.CancellationToken);

        // Valid ids, of no connection of the caller's.
        await dash.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await underscore.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task AnUnsubscribedConnectionHearsNoMore()
    {
        using var tenant = await api.NewTenantAsync();
        await using var client = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        var channel = $"business:{tenant.BusinessId}";
        await client.SubscribeOrFailAsync(channel);
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "First");
        await client.NextAsync(m => m.Channel() == channel && m.Type() == "phone.added", "the first phone");

        using var left = await tenant.Viewer.DeleteAsync(
            $"/api/v2/realtime/subscriptions?connectionId={Uri.EscapeDataString(client.Connection.ConnectionId!)}&channel={Uri.EscapeDataString(channel)}",
            TestContext.Current.CancellationToken);
        var (second, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Second");
        // Another listener proves the second phone's message went out.
        await using var witness = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await witness.SubscribeOrFailAsync(channel);
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Third");
        await witness.NextAsync(m => m.Type() == "phone.added" && m.Text("phoneId") != second.Id, "the third phone");

        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.DoesNotContain(client.Received, m => m.Text("phoneId") == second.Id);
    }
}
