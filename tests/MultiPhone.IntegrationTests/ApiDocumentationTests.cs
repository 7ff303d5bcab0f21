using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Functions.Realtime;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

public sealed class ApiDocumentationTests(ApiFactory api)
{
    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryRoute()
    {
        using var anonymous = api.ClientWithToken(null);

        var document = await (await anonymous.GetAsync("/api/openapi/v2.json", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/api/health", StringComparison.Ordinal))
            // The hub speaks the SignalR protocol, not REST (docs/realtime.md).
            .Where(e => !e.RoutePattern.RawText!.StartsWith(RealtimeHub.Path, StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
        Assert.NotEmpty(mapped);
        Assert.Subset(documented, mapped);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    /// <summary>
    /// docs/openapi/v2.json is the reviewed document clients are generated from; the app must serve exactly it. After an
    /// intended change, run the tests with UPDATE_OPENAPI_SNAPSHOT=1 to rewrite it, and review the diff.
    /// </summary>
    [Fact]
    public async Task TheServedDocumentIsTheReviewedSnapshot()
    {
        using var anonymous = api.ClientWithToken(null);
        var path = Path.Combine(RepoRoot.Path, "docs", "openapi", "v2.json");

        var served = (await anonymous.GetStringAsync("/api/openapi/v2.json", TestContext.Current.CancellationToken)).ReplaceLineEndings("\n").TrimEnd() + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI_SNAPSHOT") == "1")
        {
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
        }
        Assert.True(served == (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n"),
            "The served OpenAPI document differs from docs/openapi/v2.json. If the change is intended, run the tests with "
            + "UPDATE_OPENAPI_SNAPSHOT=1 and review the diff of docs/openapi/v2.json.");
    }

    [Fact]
    public async Task CreatingOperationsDocumentTheIdempotencyKey()
    {
        using var anonymous = api.ClientWithToken(null);

        var document = await (await anonymous.GetAsync("/api/openapi/v2.json", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

        var post = document.GetProperty("paths").GetProperty("/api/v2/businesses/{businessId}/phone-numbers").GetProperty("post");
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
    }

    [Fact]
    public async Task TheReferencePageIsServedWithoutAToken()
    {
        using var anonymous = api.ClientWithToken(null);

        var page = await anonymous.GetStringAsync("/api/docs/", TestContext.Current.CancellationToken);

        Assert.Contains("api/openapi/v2.json", Uri.UnescapeDataString(page));
    }

    [Theory]
    [InlineData(200, "{\"status\": 5}")]
    [InlineData(200, "{}")]
    [InlineData(418, "{\"status\": \"alive\"}")]
    public async Task TheContractValidatorRefusesAResponseTheDocumentDoesNotAllow(int status, string body)
    {
        using var validator = new ContractValidator { InnerHandler = new Canned((HttpStatusCode)status, body) };
        using var client = new HttpClient(validator) { BaseAddress = new Uri("http://contract.test") };

        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => client.GetAsync("/api/health/live", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheContractValidatorLetsADocumentedResponseThrough()
    {
        using var validator = new ContractValidator { InnerHandler = new Canned(HttpStatusCode.OK, "{\"status\": \"alive\"}") };
        using var client = new HttpClient(validator) { BaseAddress = new Uri("http://contract.test") };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/live", TestContext.Current.CancellationToken)).StatusCode);
    }

    private sealed class Canned(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });
    }
}
