using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using MultiPhone.Functions.Api;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Hosting;

/// <summary>The built app started as a process without the Functions host, the way scripts/run.sh starts it.</summary>
public sealed class StandaloneHostingTests(ApiFactory api)
{
    [Fact]
    public async Task WithoutTheFunctionsHostTheAppServesItselfAndAcceptsTokensFromItsTokenCommand()
    {
        var port = FreePort();
        var environment = AppEnvironment();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var businessId = $"t-{Guid.NewGuid():N}";
        var token = (await RunAppAsync(environment, ["token", "--sub", "cli-user", "--business", $"{businessId}:admin"])).Trim();
        using var app = StartApp(environment);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await WaitUntilHealthyAsync(client, app);
        var created = await client.SendJsonAsync(HttpMethod.Put, $"/api/v2/businesses/{businessId}", new { name = "Made by the standalone app" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        app.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task TheTokenCommandRefusesBadArguments()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAppAsync(AppEnvironment(), ["token", "--business", "x:owner"]));

        Assert.Contains("usage: token", error.Message);
    }

    private Dictionary<string, string> AppEnvironment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Cosmos__Endpoint"] = api.CosmosEndpoint,
        ["Cosmos__Key"] = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        ["Cosmos__Database"] = "tests",
        ["Cosmos__AcceptLoopbackSelfSignedCertificate"] = "true",
        ["Auth__Issuer"] = ApiFactory.Issuer,
        ["Auth__Audience"] = ApiFactory.Audience,
        ["Auth__SigningKey"] = ApiFactory.SigningKey,
        ["Telephony__AuthToken"] = ApiFactory.TelephonyAuthToken,
        ["Telephony__AgentStreamUrl"] = ApiFactory.AgentStreamUrl,
        ["AzureWebJobsStorage"] = api.StorageConnection,
        // A task hub of its own, so this app does not take the test app's orchestrations.
        ["DurableTask__HubName"] = "standalone" + Guid.NewGuid().ToString("N")[..8],
    };

    private static Process StartApp(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MultiPhone.Functions.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task<string> RunAppAsync(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var process = StartApp(environment, args);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"exit {process.ExitCode}: {await error}");
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !app.HasExited)
        {
            try
            {
                if ((await client.GetAsync(HealthApi.ReadyRoute, TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new InvalidOperationException("The app did not become healthy: " + (app.HasExited ? await app.StandardError.ReadToEndAsync() : "timed out"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
