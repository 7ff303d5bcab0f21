using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>
/// A connection hears a channel no longer than a token allows: memberships live in tokens, so a membership removed
/// is a token re-issued without it, and the old token keeps it until it expires.
/// </summary>
public sealed class ConnectionLifetimeTests(RealtimeFactory api)
{
    /// <summary>Mints tokens like the app's token command, with lifetimes short enough to outlive in a test.</summary>
    public static readonly TokenIssuer Tokens = new(
        Options.Create(new AuthOptions { Issuer = ApiFactory.Issuer, Audience = ApiFactory.Audience, SigningKey = ApiFactory.SigningKey }), TimeProvider.System);

    [Fact]
    public async Task AConnectionClosesWhenItsTokenExpires()
    {
        using var tenant = await api.NewTenantAsync();
        var shortLived = Tokens.Issue("alice", [(tenant.BusinessId, BusinessRole.Viewer)], [], TimeSpan.FromSeconds(3));
        await using var client = await RealtimeClient.ConnectAsync(api, shortLived);
        await client.SubscribeOrFailAsync($"business:{tenant.BusinessId}");

        await Wait.UntilAsync(() => client.Connection.State == HubConnectionState.Disconnected, "the connection closes at its token's expiry",
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task AMembershipOnlyAnOlderTokenCarriesSubscribesNoConnectionThatOutlivesIt()
    {
        using var tenant = await api.NewTenantAsync();
        var channel = $"business:{tenant.BusinessId}";
        var older = Tokens.Issue("bob", [(tenant.BusinessId, BusinessRole.Viewer)], [], TimeSpan.FromSeconds(2));
        var reissued = Tokens.Issue("bob", [], [], TimeSpan.FromHours(1));
        await using var client = await RealtimeClient.ConnectAsync(api, reissued);
        using var withOlder = api.ClientWithToken(older);
        var expiry = DateTimeOffset.UtcNow.AddSeconds(2);

        using var whileValid = await SubscribeAsync(withOlder, client, channel);
        await Wait.UntilAsync(() => DateTimeOffset.UtcNow > expiry.AddMilliseconds(500), "the older token has expired", TimeSpan.FromSeconds(10));
        using var afterExpiry = await SubscribeAsync(withOlder, client, channel);
        using var withReissued = await client.SubscribeAsync(channel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (whileValid.StatusCode, afterExpiry.StatusCode, withReissued.StatusCode));
    }

    [Fact]
    public async Task AConnectionOpenedWithATokenThatGrantsTheChannelMaySubscribeWithANewerOne()
    {
        using var tenant = await api.NewTenantAsync();
        var member = new[] { (tenant.BusinessId, BusinessRole.Viewer) };
        await using var client = await RealtimeClient.ConnectAsync(api, Tokens.Issue("carol", member, [], TimeSpan.FromMinutes(5)));
        using var withNewer = api.ClientWithToken(Tokens.Issue("carol", member, [], TimeSpan.FromMinutes(10)));

        using var subscribed = await SubscribeAsync(withNewer, client, $"business:{tenant.BusinessId}");

        Assert.Equal(HttpStatusCode.NoContent, subscribed.StatusCode);
    }

    private static Task<HttpResponseMessage> SubscribeAsync(HttpClient http, RealtimeClient client, string channel) =>
        http.PostAsJsonAsync("/api/v2/realtime/subscriptions", new { connectionId = client.Connection.ConnectionId, channel }, TestContext.Current.CancellationToken);
}
