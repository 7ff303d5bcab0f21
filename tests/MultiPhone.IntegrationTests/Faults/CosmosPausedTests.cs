using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using MultiPhone.AgentConfig;
using MultiPhone.Functions.Api;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Settings;

namespace MultiPhone.IntegrationTests.Faults;

/// <summary>
/// The app's Cosmos server stopped where it is (SIGSTOP): it accepts connections and answers nothing, as a hung or
/// unreachable database does. Requests must answer within the deadline, voice agents must keep getting what was last
/// read, and everything must work again once the server goes on (SIGCONT).
/// </summary>
public sealed class CosmosPausedTests(PausableCosmosFactory api, ITestOutputHelper output) : IClassFixture<PausableCosmosFactory>
{
    /// <summary>
    /// What a request may take past the deadline: the pipeline, and a shared machine's stalls. Deadline and margin stay
    /// within the shortest budget of a voice agent's webhook (Vapi: 7.5 s).
    /// </summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Bound = PausableCosmosFactory.Deadline + Margin;

    [Fact]
    public async Task WhileCosmosDoesNotAnswerRequestsAnswer503InTimeAndAgentsGetTheLastConfiguration()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var settingsPath = tenant.Path($"/phone-numbers/{phone.Id}/settings/voice");
        await tenant.Editor.PutOrFailAsync(settingsPath, new { agentName = "Before" }, "\"v0\"");
        using var agent = Bounded(api.Token("voice-agent", [], PlatformRoles.VoiceAgent));
        // One token for the connection and its subscriptions: a subscription is granted only by a token that outlives the connection.
        var viewerToken = tenant.Token(BusinessRole.Viewer);
        using var viewer = Bounded(viewerToken);
        using var editor = Bounded(tenant.Token(BusinessRole.Editor));
        var known = AgentConfigUrl(phone.PhoneNumber);
        // On a loaded machine a cold app's first reads may take longer than the deadline (a 503): the agent asks again.
        string? version = null;
        await Wait.UntilAsync(async () =>
        {
            using var response = await agent.GetAsync(known, TestContext.Current.CancellationToken);
            version = response.IsSuccessStatusCode ? (await response.ReadAsync<AgentConfiguration>()).Version : null;
            return version is not null;
        }, "the agent has read the configuration once");
        var changes = new List<string>();
        await using var hub = await ConnectAsync(viewer, viewerToken, changes);
        var subscription = new { connectionId = hub.ConnectionId, channel = $"phone:{phone.Id}:voice", businessId = tenant.BusinessId };

        await api.CosmosServer.PauseAsync();
        try
        {
            var stale = await TimedAsync("agent-config of a known number", agent.GetAsync(known, TestContext.Current.CancellationToken));
            Assert.Equal(version, (await stale.Response.ReadAsync<AgentConfiguration>()).Version);
            Assert.NotNull(stale.Response.Headers.Age);

            var again = await TimedAsync("agent-config of a known number, again", agent.GetAsync(known, TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
            Assert.NotNull(again.Response.Headers.Age);
            Assert.True(again.Took < PausableCosmosFactory.Deadline, $"Once Cosmos was found unavailable the cache answered without waiting for it, not in {again.Took}");

            await AssertUnavailableAsync(await TimedAsync("agent-config of a number never read",
                agent.GetAsync(AgentConfigUrl(Numbers.NextUs()), TestContext.Current.CancellationToken)));
            await AssertUnavailableAsync(await TimedAsync("phone listing", viewer.GetAsync(tenant.Path("/phone-numbers"), TestContext.Current.CancellationToken)));
            await AssertUnavailableAsync(await TimedAsync("settings PUT", editor.SendAsync(
                new HttpRequestMessage(HttpMethod.Put, settingsPath) { Content = JsonContent.Create(new { agentName = "Paused" }), Headers = { { "If-Match", "\"v1\"" } } },
                TestContext.Current.CancellationToken)));
            await AssertUnavailableAsync(await TimedAsync("realtime subscribe",
                viewer.PostAsJsonAsync("/api/v2/realtime/subscriptions", subscription, TestContext.Current.CancellationToken)));
        }
        finally
        {
            await api.CosmosServer.ResumeAsync();
        }

        await Wait.UntilAsync(async () => (await viewer.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            "readiness is ok again");
        await Wait.UntilAsync(async () => (await agent.GetAsync(known, TestContext.Current.CancellationToken)) is { StatusCode: HttpStatusCode.OK, Headers.Age: null },
            "agent-config is served fresh again");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(tenant.Path("/phone-numbers"), TestContext.Current.CancellationToken)).StatusCode);
        // The PUT that timed out may still reach the server, which reads what waited on its sockets when it goes on:
        // then it is there whole (its new version), else not at all.
        var read = await viewer.GetAsync(settingsPath, TestContext.Current.CancellationToken);
        var section = await read.ReadAsync<PhoneSectionResponse<VoiceSettings>>();
        Assert.Contains((section.Override?.AgentName, section.Version, read.ETag()), new (string?, long, string)[] { ("Before", 1L, "\"v1\""), ("Paused", 2L, "\"v2\"") });
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.PostAsJsonAsync("/api/v2/realtime/subscriptions", subscription, TestContext.Current.CancellationToken)).StatusCode);
        await editor.PutOrFailAsync(settingsPath, new { agentName = "AfterResume" }, read.ETag());
        // The change feed listener carries on: the change reaches the subscriber. A lease the pause kept from being
        // renewed is taken again once it expires (the SDK's default, 60 s), hence the bound.
        await Wait.UntilAsync(() => { lock (changes) { return changes.Exists(c => c.Contains("AfterResume", StringComparison.Ordinal)); } },
            "the change made after the pause reaches the subscriber", TimeSpan.FromSeconds(90));
    }

    private static string AgentConfigUrl(string number) => $"/api/v2/voice/agent-config?to={Uri.EscapeDataString(number)}";

    /// <summary>A client that gives up at <see cref="Bound"/>, so a request that hangs fails the test instead of holding it.</summary>
    private HttpClient Bounded(string token)
    {
        var client = api.ClientWithToken(token);
        client.Timeout = Bound;
        return client;
    }

    private async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedAsync(string what, Task<HttpResponseMessage> request)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await request;
        }
        catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"{what}: no answer within {Bound.TotalSeconds} s while Cosmos was stopped");
        }
        var took = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"{what}: {(int)response.StatusCode} in {took.TotalSeconds:0.000} s (Age: {response.Headers.Age?.TotalSeconds.ToString() ?? "-"}, Retry-After: {response.Headers.RetryAfter?.ToString() ?? "-"})");
        Assert.True(took < Bound, $"{what} took {took}, more than the deadline and a margin ({Bound})");
        return (response, took);
    }

    private static async Task AssertUnavailableAsync((HttpResponseMessage Response, TimeSpan Took) answer)
    {
        await answer.Response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.NotNull(answer.Response.Headers.RetryAfter);
    }

    private static async Task<HubConnection> ConnectAsync(HttpClient client, string token, List<string> changes)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(client.BaseAddress!, "/api/v2/realtime"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        connection.On<JsonElement>("change", message =>
        {
            lock (changes)
            {
                changes.Add(message.GetRawText());
            }
        });
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}

/// <summary>The app with its change feed on and a short Cosmos deadline, on a Cosmos server the test pauses.</summary>
public sealed class PausableCosmosFactory : ApiFactory
{
    /// <summary>The default: what the app runs with.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        .. base.Settings().Where(s => s.Key is not ("Realtime:ChangeFeed" or "Cosmos:RequestDeadline")),
        ("Realtime:ChangeFeed", "true"),
        ("Cosmos:RequestDeadline", Deadline.ToString()),
    ];
}
