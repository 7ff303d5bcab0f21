using System.Net;
using System.Text.Json.Nodes;
using MultiPhone.Functions.Http;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary>The standalone app serves the settings console: its files, its index page for client routes, never for /api.</summary>
public sealed class ConsoleHostingTests(ConsoleApiFactory api) : IClassFixture<ConsoleApiFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/b/demo-dental/phones/some-phone/hours")]
    [InlineData("/sign-in")]
    public async Task ClientRoutesGetTheConsolesIndexPageRevalidatedEveryTime(string path)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ConsoleApiFactory.IndexMarker, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task HashedAssetsAreServedWithALongImmutableCacheLifetime()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/assets/app-1a2b3c.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/b/demo-dental/phones/some-phone/hours")]
    [InlineData("/assets/app-1a2b3c.js")]
    [InlineData("/favicon.svg")]
    public async Task EveryConsoleFileCarriesTheSecurityHeadersOfTheStaticWebAppConfig(string path)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(ConsoleApiFactory.SecurityHeaders, header =>
            Assert.Equal(header.Value, Assert.Single(response.Headers.GetValues(header.Key))));
    }

    [Fact]
    public void TheSecurityHeadersForbidFramingSniffingInlineScriptsAndReferrers()
    {
        var headers = ConsoleApiFactory.SecurityHeaders;

        var csp = headers["content-security-policy"].Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains(csp, directive => directive.StartsWith("connect-src 'self'", StringComparison.Ordinal));
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
    }

    [Fact]
    public async Task TheIconIsServedAndRevalidatedLikeTheIndexPage()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/favicon.svg", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/v2/no-such-route")]
    public async Task ApiResponsesAndProblemsAreNeverSniffed(string path)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/api/v2/no-such-route")]
    [InlineData("/api")]
    [InlineData("/api/docs-nope")]
    public async Task UnknownApiRoutesStillAnswerWithTheirNotFoundProblem(string path)
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task PostingToAnUnknownApiRouteIsNotFoundRatherThanMethodNotAllowed()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/api/v2/nothing-here", null, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task AMissingAssetIsNotFoundRatherThanTheIndexPage()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/assets/gone-000.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DemoSignInExistsOnlyInDevelopmentWithTheDemoSeed()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/api/dev/demo-users", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

/// <summary>The console served from another origin (the Azure Static Web App) calls the API across origins.</summary>
public sealed class ConsoleCorsTests(ConsoleApiFactory api) : IClassFixture<ConsoleApiFactory>
{
    [Fact]
    public async Task APreflightFromTheConsolesOriginIsAllowedWithoutAToken()
    {
        using var client = api.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v2/businesses/any/phone-numbers/any/settings/voice");
        preflight.Headers.Add("Origin", ConsoleApiFactory.ConsoleOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");

        var response = await client.SendAsync(preflight, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ConsoleApiFactory.ConsoleOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponsesToTheConsolesOriginExposeTheETag()
    {
        using var tenant = await api.NewTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, tenant.Path());
        request.Headers.Add("Origin", ConsoleApiFactory.ConsoleOrigin);
        request.Headers.Authorization = new("Bearer", tenant.Token(Functions.Auth.BusinessRole.Viewer));
        using var client = api.CreateClient();

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ETag", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OtherOriginsGetNoCorsHeaders()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>
/// The app with <c>Console:Root</c> pointing at a small console build of the test's own (a marked index page, an asset,
/// and the console's public files as Vite copies them), and the console's origin allowed.
/// </summary>
public sealed class ConsoleApiFactory : ApiFactory
{
    public const string IndexMarker = "<!-- console index for tests -->";
    public const string ConsoleOrigin = "https://console.test.example";

    private static readonly string PublicFiles = Path.Combine(RepoRoot.Path, "src", "Web", "public");

    /// <summary>The one source of the console's security headers: the Static Web App configuration's globalHeaders.</summary>
    public static readonly IReadOnlyDictionary<string, string> SecurityHeaders =
        JsonNode.Parse(File.ReadAllText(Path.Combine(PublicFiles, ConsoleHosting.StaticWebAppConfig)))!["globalHeaders"]!.AsObject()
            .ToDictionary(header => header.Key, header => header.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);

    private readonly string _root = Directory.CreateTempSubdirectory("console-").FullName;

    public ConsoleApiFactory()
    {
        foreach (var file in Directory.GetFiles(PublicFiles))
        {
            File.Copy(file, Path.Combine(_root, Path.GetFileName(file)));
        }
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "index.html"), $"<!doctype html><title>Console</title>{IndexMarker}");
        File.WriteAllText(Path.Combine(_root, "assets", "app-1a2b3c.js"), "console.log('console');");
    }

    protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Console:Root", _root), ("Console:AllowedOrigins:0", ConsoleOrigin)];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
