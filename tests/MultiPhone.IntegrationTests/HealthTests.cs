using System.Net;
using System.Net.Sockets;
using MultiPhone.Functions.Api;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

public sealed class HealthTests(ApiFactory api)
{
    [Fact]
    public async Task HealthIsOkWhenCosmosAnswers()
    {
        using var anonymous = api.ClientWithToken(null);

        var response = await anonymous.GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(new HealthResponse("healthy", "ok"), await response.ReadAsync<HealthResponse>());
    }
}

public sealed class UnhealthyTests(UnreachableCosmosFactory api) : IClassFixture<UnreachableCosmosFactory>
{
    [Fact]
    public async Task HealthIsUnavailableWithTheReasonWhenCosmosDoesNotAnswer()
    {
        using var anonymous = api.ClientWithToken(null);

        var response = await anonymous.GetAsync("/api/health", TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Contains("Cosmos", problem.GetProperty("detail").GetString());
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
