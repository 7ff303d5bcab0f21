using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using MultiPhone.Functions.Api;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary>The app as the Azure Functions host runs it: a custom handler with HTTP forwarding, on the port it is given.</summary>
public sealed class FunctionsHostingTests(ApiFactory api)
{
    [Fact]
    public void HostJsonForwardsEveryRequestToTheCustomHandlerUnchanged()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "host.json")));
        using var function = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "HttpEntry", "function.json")));

        var handler = host.RootElement.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("MultiPhone.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var trigger = function.RootElement.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("{*route}", trigger.GetProperty("route").GetString());
        Assert.Subset(
            trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToHashSet(),
            new HashSet<string> { "get", "post", "put", "delete" });
    }

    [Fact]
    public async Task TheAppListensOnTheCustomHandlerPortAndAcceptsTokensFromItsTokenCommand()
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        };
        var businessId = $"t-{Guid.NewGuid():N}";
        var token = (await RunAppAsync(environment, ["token", "--sub", "cli-user", "--business", $"{businessId}:admin"])).Trim();
        using var app = StartApp(environment);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await WaitUntilHealthyAsync(client, app);
        var created = await client.SendJsonAsync(HttpMethod.Put, $"/api/v2/businesses/{businessId}", new { name = "Made through the handler port" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        app.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task TheTokenCommandRefusesBadArguments()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Cosmos__Endpoint"] = api.CosmosEndpoint,
            ["Cosmos__Key"] = "a2V5",
            ["Auth__Issuer"] = ApiFactory.Issuer,
            ["Auth__Audience"] = ApiFactory.Audience,
            ["Auth__SigningKey"] = ApiFactory.SigningKey,
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAppAsync(environment, ["token", "--business", "x:owner"]));

        Assert.Contains("usage: token", error.Message);
    }

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
