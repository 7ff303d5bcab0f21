using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using MultiPhone.AgentClient;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>The voice agents' client (src/AgentClient) end to end against the app with its change feed on.</summary>
public sealed class VoiceAgentConfigTests(RealtimeFactory api)
{
    [Fact]
    public async Task AVoiceAgentFollowsItsPhonesGreetingAndInheritedDefaultsAndNothingOfAnotherPhone()
    {
        using var tenant = await api.NewTenantAsync();
        var (phoneA, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "A");
        var (phoneB, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "B");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phoneB.Id}/settings/voice"), new { agentName = "B's own agent" }, "\"v0\"");
        await using var agentA = await StartAgentAsync(api.BaseAddress, phoneA.PhoneNumber);
        await using var agentB = await StartAgentAsync(api.BaseAddress, phoneB.PhoneNumber);
        var seenByB = new List<AgentConfigSnapshot>();
        agentB.Changed += config => seenByB.Add(config);

        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phoneA.Id}/settings/voice"), new { greeting = "Hello from A" }, "\"v0\"");
        await Wait.UntilAsync(() => Greeting(agentA) == "Hello from A", "agent A has A's new greeting");
        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/voice"), new { agentName = "Ava" }, "\"v0\"");
        await Wait.UntilAsync(() => agentA.Current.Effective("voice", "agentName").GetString() == "Ava", "agent A has the inherited agent name");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phoneB.Id}/settings/voice"), new { agentName = "B's own agent", greeting = "Marker" }, "\"v1\"");
        await Wait.UntilAsync(() => Greeting(agentB) == "Marker", "agent B has its own change");

        Assert.Equal(["Marker"], seenByB.Select(c => c.Effective("voice", "greeting").GetString()).Distinct());
        Assert.Equal("B's own agent", agentB.Current.Effective("voice", "agentName").GetString());
    }

    [Fact]
    public async Task AfterTheConnectionDropsTheAgentReconnectsSubscribesAgainAndKeepsFollowing()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await using var network = new TcpRelay(api.BaseAddress);
        await using var agent = await StartAgentAsync(network.Address, phone.PhoneNumber);

        network.DropAll();
        await Wait.UntilAsync(() => agent.ConnectionState != HubConnectionState.Connected, "the agent notices the drop");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "While away" }, "\"v0\"");
        await Wait.UntilAsync(() => Greeting(agent) == "While away", "the agent catches up after reconnecting");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "After coming back" }, "\"v1\"");

        await Wait.UntilAsync(() => Greeting(agent) == "After coming back", "the agent follows changes again");
        Assert.Equal(HubConnectionState.Connected, agent.ConnectionState);
    }

    [Fact]
    public async Task WhenItsTokenExpiresTheAgentReconnectsWithAFreshOneAndKeepsFollowing()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var lifetime = TimeSpan.FromSeconds(4);
        var firstExpires = DateTimeOffset.UtcNow + lifetime;
        var options = new VoiceAgentOptions
        {
            ApiBaseUrl = api.BaseAddress,
            // A fresh token each time, as an identity provider would give: each connection closes when its token expires.
            AccessToken = _ => Task.FromResult(ConnectionLifetimeTests.Tokens.Issue("agent-short", [], [PlatformRoles.VoiceAgent], lifetime)),
        };
        await using var agent = await VoiceAgentConfig.StartAsync(options, phone.PhoneNumber, TestContext.Current.CancellationToken);

        await Wait.UntilAsync(() => DateTimeOffset.UtcNow > firstExpires.AddSeconds(1), "the first token has expired", TimeSpan.FromSeconds(15));
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "After the first token" }, "\"v0\"");

        await Wait.UntilAsync(() => Greeting(agent) == "After the first token", "the agent follows changes on its next connection");
    }

    [Fact]
    public async Task AVoiceChangeReachesTheAgentInItsMessageWithoutAnyRequest()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var requests = new CountingHandler();
        await using var agent = await StartAgentAsync(api.BaseAddress, phone.PhoneNumber, requests);
        var afterStart = requests.Count;

        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "From the message", speakingRate = 1.2 }, "\"v0\"");
        await Wait.UntilAsync(() => Greeting(agent) == "From the message", "the agent has the new greeting");

        Assert.Equal(0, requests.Count - afterStart);
        Assert.True(JsonElement.DeepEquals(await ServedAsync(tenant, phone.Id, "voice"), agent.Current.Json.GetProperty("voice")), "the agent's voice section is the one the API serves");
    }

    [Fact]
    public async Task AChangeItsMessageDoesNotCarryMakesTheAgentReadItsConfiguration()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Before");
        await using var agent = await StartAgentAsync(api.BaseAddress, phone.PhoneNumber);

        // The hours message carries the new time zone, not the new name: the phone's version says it changed.
        await tenant.Admin.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}"), new { displayName = "After", timezone = "Europe/Paris" }, etag);

        await Wait.UntilAsync(() => agent.Current.Json.GetProperty("phone").GetProperty("displayName").GetString() == "After", "the agent read the renamed phone");
        Assert.Equal("Europe/Paris", agent.Current.Json.GetProperty("phone").GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task AnAgentIsToldWhenItsPhoneIsRemoved()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await using var agent = await StartAgentAsync(api.BaseAddress, phone.PhoneNumber);
        var removed = false;
        agent.Removed += () => removed = true;

        using var deleted = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{phone.Id}"), null, etag);

        await Wait.UntilAsync(() => removed, "the agent hears its phone is gone");
    }

    private Task<VoiceAgentConfig> StartAgentAsync(Uri apiBase, string number, HttpMessageHandler? handler = null)
    {
        var token = api.Token($"agent-for-{number}", [], PlatformRoles.VoiceAgent);
        return VoiceAgentConfig.StartAsync(new VoiceAgentOptions { ApiBaseUrl = apiBase, AccessToken = _ => Task.FromResult(token), HttpHandler = handler },
            number, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> ServedAsync(Tenant tenant, string phoneId, string section)
    {
        using var response = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/agent-config"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty(section).Clone();
    }

    private static string? Greeting(VoiceAgentConfig agent) => agent.Current.Effective("voice", "greeting").GetString();

    /// <summary>Counts the requests the agent's client sends to the API.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
