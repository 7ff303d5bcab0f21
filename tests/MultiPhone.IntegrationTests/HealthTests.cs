using System.Net;
using System.Net.Sockets;
using MultiPhone.Functions.Api;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

public sealed class HealthTests(ApiFactory api)
{
    [Fact]
    public async Task ReadinessIsOkWhenCosmosAndStorageAnswer()
    {
        using var anonymous = api.ClientWithToken(null);

        var response = await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken);

        var ready = await response.ReadAsync<ReadinessResponse>();
        Assert.Equal(("ready", "ok", "ok"), (ready.Status, ready.Cosmos, ready.Storage));
    }

    [Fact]
    public async Task LivenessAnswersWithoutAToken()
    {
        using var anonymous = api.ClientWithToken(null);

        var response = await anonymous.GetAsync(HealthApi.LiveRoute, TestContext.Current.CancellationToken);

        Assert.Equal(new LivenessResponse("alive"), await response.ReadAsync<LivenessResponse>());
    }
}

/// <summary>The readiness check reads Cosmos at most once per window, however often it is asked.</summary>
public sealed class ReadinessCacheTests(FaultyApiFactory api) : IClassFixture<FaultyApiFactory>
{
    [Fact]
    public async Task AFreshCheckIsReusedWithoutReadingCosmosAndAStaleOneIsMadeAgain()
    {
        using var anonymous = api.ClientWithToken(null);
        api.Clock.Advance(ReadinessCheck.ReuseFor);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken)).StatusCode);
        var failuresBefore = api.Faults.Failures;

        using (api.Faults.Fail(_ => true))
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken)).StatusCode);
            }
            Assert.Equal(failuresBefore, api.Faults.Failures);

            api.Clock.Advance(ReadinessCheck.ReuseFor);
            var stale = await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken);

            await stale.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
            Assert.True(api.Faults.Failures > failuresBefore);
        }
    }
}

public sealed class UnhealthyTests(UnreachableCosmosFactory api) : IClassFixture<UnreachableCosmosFactory>
{
    [Fact]
    public async Task ReadinessIsUnavailableWithTheReasonWhenCosmosDoesNotAnswer()
    {
        using var anonymous = api.ClientWithToken(null);

        var response = await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Contains("Cosmos", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task LivenessDoesNotDependOnCosmos()
    {
        using var anonymous = api.ClientWithToken(null);

        var response = await anonymous.GetAsync(HealthApi.LiveRoute, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ApiCallsAreUnavailableNotFailedWhenCosmosDoesNotAnswer()
    {
        using var ops = api.Ops();

        var response = await ops.GetAsync($"/api/v2/businesses/t-{Guid.NewGuid():N}", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }
}

/// <summary>The app pointed at a loopback port where nothing listens.</summary>
public sealed class UnreachableCosmosFactory : ApiFactory
{
    protected override Task<string> StartCosmosAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        return Task.FromResult($"https://127.0.0.1:{closedPort}/");
    }

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [.. base.Settings(), ("Cosmos:CreateIfMissing", "false")];
}
