using System.Net;
using MultiPhone.Functions.Api;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Faults;

/// <summary>The storage account of the Durable backend (the app's own Azurite) stopped where it is (SIGSTOP).</summary>
public sealed class StoragePausedTests(StoragePausedTests.Factory api) : IClassFixture<StoragePausedTests.Factory>
{
    [Fact]
    public async Task ReadinessNamesStorageWhileItDoesNotAnswerAndIsOkOnceItDoes()
    {
        using var anonymous = api.ClientWithToken(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken)).StatusCode);

        await api.Azurite.PauseAsync();
        try
        {
            // The last check is reused for up to 5 s and a check waits up to 5 s: within 15 s it says so.
            string? detail = null;
            await Wait.UntilAsync(async () =>
            {
                var response = await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return false;
                }
                detail = (await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable")).GetProperty("detail").GetString();
                return true;
            }, "readiness is unavailable", TimeSpan.FromSeconds(15));
            Assert.Contains("Storage (AzureWebJobsStorage)", detail);
            Assert.DoesNotContain("Cosmos", detail);
        }
        finally
        {
            await api.Azurite.ResumeAsync();
        }

        await Wait.UntilAsync(async () => (await anonymous.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            "readiness is ok again", TimeSpan.FromSeconds(15));
    }

    /// <summary>An app of this test's own: pausing its Azurite must not stall other tests' Durable backends.</summary>
    public sealed class Factory : ApiFactory;
}
