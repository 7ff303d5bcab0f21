using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Hosting;
using MultiPhone.Functions.Triggers;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Hosting;

/// <summary>
/// The Api function as the Functions host runs it: the worker's services, the function invoked directly with a real
/// <see cref="HttpRequest"/> (what the worker's ASP.NET Core integration hands it) and a real Durable client (what its
/// <c>[DurableClient]</c> binding hands it: here the standalone app's client, on the same task hub), compared with the
/// standalone app answering the same request on its port. Both use the same Cosmos database and task hub, so the same
/// resource reads the same.
/// </summary>
public sealed class ApiFunctionTests(ApiFactory api) : IAsyncLifetime
{
    private IHost? _worker;

    public ValueTask InitializeAsync()
    {
        // The settings come as the worker reads them (command line), so features are registered as under the host.
        // Under the host realtime goes through Azure SignalR Service; these requests never reach it.
        var settings = api.AppSettings.Append(new("SignalR:Endpoint", "https://multiphone-tests.service.signalr.net"));
        _worker = FunctionsWorker.CreateBuilder([.. settings.Select(s => $"--{s.Key}={s.Value}")]).Build();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _worker?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AMissingTokenIsAProblem401BothWays()
    {
        using var tenant = await api.NewTenantAsync();

        await AssertSameAsync(new Call("GET", tenant.Path("/phone-numbers"), Token: null));
    }

    [Fact]
    public async Task AnotherTenantsPhoneIs404BothWays()
    {
        using var mine = await api.NewTenantAsync();
        using var theirs = await api.NewTenantAsync();
        var (phone, _) = await theirs.CreatePhoneAsync(Numbers.NextUs());

        await AssertSameAsync(new Call("GET", theirs.Path($"/phone-numbers/{phone.Id}"), mine.Token(BusinessRole.Admin)));
    }

    [Fact]
    public async Task AReadGivesTheSameBodyAndETagBothWays()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var (status, headers, _) = await AssertSameAsync(new Call("GET", tenant.Path($"/phone-numbers/{phone.Id}"), tenant.Token(BusinessRole.Viewer)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("\"", headers["ETag"]);
    }

    [Fact]
    public async Task AnInvalidBodyIsTheSame400ProblemBothWays()
    {
        using var tenant = await api.NewTenantAsync();

        var (status, _, body) = await AssertSameAsync(new Call("POST", tenant.Path("/phone-numbers"), tenant.Token(BusinessRole.Admin),
            """{ "phoneNumber": "not a number", "displayName": "", "timezone": "Mars/Olympus" }"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body!["errors"]!["phoneNumber"]);
    }

    [Fact]
    public async Task CreatingIsA201WithLocationAndETagBothWays()
    {
        var standaloneId = $"t-{Guid.NewGuid():N}";
        var workerId = $"t-{Guid.NewGuid():N}";
        var ops = api.Token("ops-user", [], PlatformRoles.Ops);
        const string Business = """{ "name": "Made twice", "companyProfile": { "defaultCountry": "US" } }""";

        var standalone = await StandaloneAsync(new Call("PUT", $"/api/v2/businesses/{standaloneId}", ops, Business));
        var worker = await WorkerAsync(new Call("PUT", $"/api/v2/businesses/{workerId}", ops, Business));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (standalone.Status, worker.Status));
        Assert.Equal(standalone.Headers["Location"].Replace(standaloneId, "{id}"), worker.Headers["Location"].Replace(workerId, "{id}"));
        Assert.Equal(standalone.Headers["ETag"], worker.Headers["ETag"]);
        Assert.Equal(Masked(standalone.Body, standaloneId), Masked(worker.Body, workerId));
    }

    [Fact]
    public async Task AMigrationRunStartedThroughTheFunctionIsWatchedTheSameBothWays()
    {
        var ops = api.Token("ops-user", [], PlatformRoles.Ops);
        var body = $$"""{ "dryRun": true, "businessIds": ["{{$"t-{Guid.NewGuid():N}"}}"] }""";

        var started = await WorkerAsync(new Call("POST", "/api/v2/migrations/legacy-phones", ops, body));

        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var status = new Uri(started.Body!["statusQueryGetUri"]!.GetValue<string>()).AbsolutePath;
        Assert.Equal(status, new Uri(started.Headers["Location"]).AbsolutePath);
        var (found, _, run) = await AssertSameAsync(new Call("GET", status, ops), ignore: ["lastUpdatedAt", "customStatus", "runtimeStatus", "output"]);
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal(started.Body["id"]!.GetValue<string>(), run!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownMigrationRunIs404BothWays() =>
        await AssertSameAsync(new Call("GET", "/api/v2/migrations/legacy-phones/lp-20260101T000000Z-000000", api.Token("ops-user", [], PlatformRoles.Ops)));

    private sealed record BodyDetection(bool CanHaveBody) : IHttpRequestBodyDetectionFeature;

    private sealed record Call(string Method, string Path, string? Token, string? Json = null);

    private sealed record Answer(HttpStatusCode Status, Dictionary<string, string> Headers, JsonNode? Body);

    /// <summary>Headers a client acts on; Date and the like differ by nature.</summary>
    private static readonly string[] ComparedHeaders = ["Content-Type", "ETag", "Location", "WWW-Authenticate", "Cache-Control", "Retry-After"];

    /// <param name="call">The request.</param>
    /// <param name="ignore">Top-level fields that change between two reads by nature (a running orchestration's progress).</param>
    private async Task<Answer> AssertSameAsync(Call call, params string[] ignore)
    {
        var standalone = await StandaloneAsync(call);
        var worker = await WorkerAsync(call);

        Assert.Equal(standalone.Status, worker.Status);
        Assert.Equal(standalone.Headers, worker.Headers);
        Assert.Equal(Comparable(Without(standalone.Body, ignore)), Comparable(Without(worker.Body?.DeepClone(), ignore)));
        return standalone;
    }

    private static JsonNode? Without(JsonNode? body, string[] fields)
    {
        if (body is JsonObject resource)
        {
            foreach (var field in fields)
            {
                resource.Remove(field);
            }
        }
        return body;
    }

    private async Task<Answer> StandaloneAsync(Call call)
    {
        using var client = api.ClientWithToken(call.Token);
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
        if (call.Json is not null)
        {
            request.Content = new StringContent(call.Json, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => ComparedHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, headers, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    private async Task<Answer> WorkerAsync(Call call)
    {
        await using var scope = _worker!.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var request = context.Request;
        request.Method = call.Method;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        var query = call.Path.IndexOf('?', StringComparison.Ordinal);
        request.Path = query < 0 ? call.Path : call.Path[..query];
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(call.Path[query..]);
        if (call.Token is not null)
        {
            request.Headers.Authorization = "Bearer " + call.Token;
        }
        if (call.Json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(call.Json);
            request.ContentType = "application/json; charset=utf-8";
            request.ContentLength = bytes.Length;
            request.Body = new MemoryStream(bytes);
        }
        // Kestrel, which receives the proxied request in the worker, says whether a request can have a body.
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(call.Json is not null));
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        var function = ActivatorUtilities.CreateInstance<ApiFunction>(scope.ServiceProvider);
        await function.RunAsync(request, api.Services.GetRequiredService<DurableTaskClient>());

        var headers = context.Response.Headers
            .Where(h => ComparedHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var body = Encoding.UTF8.GetString(responseBody.ToArray());
        return new Answer((HttpStatusCode)context.Response.StatusCode, headers, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    /// <summary>The body without what is different on every request by design (the trace id of a problem).</summary>
    private static string? Comparable(JsonNode? body)
    {
        if (body is JsonObject problem)
        {
            problem.Remove("traceId");
        }
        return body?.ToJsonString();
    }

    /// <summary>A created resource's body without its id and its own creation times.</summary>
    private static string? Masked(JsonNode? body, string id)
    {
        if (body is JsonObject resource)
        {
            resource.Remove("createdAt");
            resource.Remove("updatedAt");
        }
        return Comparable(body)?.Replace(id, "{id}", StringComparison.Ordinal);
    }
}
