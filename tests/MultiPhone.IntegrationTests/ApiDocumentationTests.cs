using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
        Assert.NotEmpty(mapped);
        Assert.Subset(documented, mapped);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
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
}
