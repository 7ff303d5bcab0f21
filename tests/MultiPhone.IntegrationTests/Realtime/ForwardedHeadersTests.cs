using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Hosting;
using MultiPhone.Functions.Http;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>Where negotiation sends a client never comes from a forwarded header that no configured proxy set.</summary>
public sealed class ForwardedHeadersTests(RealtimeFactory realtime, ApiFactory api)
{
    [Fact]
    public async Task NegotiationAnswersWithTheHostTheRequestCameInOnNotAForwardedOne()
    {
        using var client = realtime.ClientWithToken(realtime.Token("alice", [], PlatformRoles.Ops));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/realtime/negotiate");
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var negotiated = await response.ReadAsync<JsonElement>();

        Assert.Equal(client.BaseAddress!.Authority, new Uri(negotiated.GetProperty("url").GetString()!).Authority);
    }

    [Fact]
    public async Task TheLocalSettingsBelieveNoForwardedHeaderFromLoopback()
    {
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "local.settings.sample.json"), TestContext.Current.CancellationToken));
        var settings = sample.RootElement.GetProperty("Values").EnumerateObject()
            .Select(v => new KeyValuePair<string, string?>(v.Name.Replace("__", ":", StringComparison.Ordinal), v.Value.GetString()));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddTrustedProxies(configuration).BuildServiceProvider();

        var forwarded = await ForwardAsync(services.GetRequiredService<IOptions<ForwardedHeadersOptions>>(), IPAddress.Loopback);

        Assert.Equal(("127.0.0.1:7071", "http"), forwarded);
    }

    [Fact]
    public async Task UnderTheFunctionsHostTheWorkersForwardedHeadersBelieveNobodyUnlessAProxyIsConfigured()
    {
        // The worker's own web server runs UseForwardedHeaders with the app's options before the Api function.
        using var worker = FunctionsWorker.CreateBuilder([.. api.AppSettings
            .Append(new("SignalR:Endpoint", "https://multiphone-tests.service.signalr.net"))
            .Select(s => $"--{s.Key}={s.Value}")]).Build();

        var forwarded = await ForwardAsync(worker.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>(), IPAddress.Parse("203.0.113.9"));

        Assert.Equal(("127.0.0.1:7071", "http"), forwarded);
    }

    /// <summary>What a request to 127.0.0.1:7071 from <paramref name="sender"/> claiming https://evil.example becomes.</summary>
    private static async Task<(string? Host, string Scheme)> ForwardAsync(IOptions<ForwardedHeadersOptions> options, IPAddress sender)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = sender;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:7071");
        context.Request.Headers["X-Forwarded-Host"] = "evil.example";
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
        await new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, options).Invoke(context);
        return (context.Request.Host.Value, context.Request.Scheme);
    }
}
