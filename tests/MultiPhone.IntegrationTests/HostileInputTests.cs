using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Functions.Api;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Realtime;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Migration;
using MultiPhone.IntegrationTests.Routes;

namespace MultiPhone.IntegrationTests;

/// <summary>
/// What a hostile client sends, to every route: ids the app would never issue, JSON built to break parsers, wrong
/// media types, oversized bodies, bad ETags and bad query values. Each must be a 4xx problem, and afterwards the app
/// and its Cosmos server must still answer (one such request once stopped the whole local stack). A method the route
/// does not have is sent too, so routes that read no input (health) are tried as well. Each route reports how many
/// it sent as a diagnostic message (the test assembly's <c>-diagnostics</c> option prints them).
/// </summary>
public sealed class HostileInputTests(ApiFactory api)
{
    /// <summary>Path ids no client of this API could have been given, as they appear in a URL.</summary>
    public static readonly string[] HostileIds =
    [
        "%C0%AF",                        // overlong UTF-8 for '/'
        "%FF%FE",                        // not UTF-8 at all
        "%ED%A0%80",                     // an encoded lone surrogate
        "a%00b",                         // NUL
        "line%0Abreak",                  // control character
        "..%2F..%2Fsecrets",             // traversal with an encoded slash
        "..%5C..%5Cwindows",             // traversal with a backslash
        new string('a', 65),             // one longer than the id rule allows
        new string('b', 4000),           // far longer
        "%25%32%65%25%32%65",            // double-encoded ".."
    ];

    /// <summary>Bodies built to break JSON readers, sent as application/json.</summary>
    public static readonly string[] HostileJson =
    [
        new string('[', 10_000) + new string(']', 10_000),
        string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000),
        "\"" + new string('x', 200_000) + "\"",
        "\"\\uD800\"",
        "{\"name\": \"unterminated",
        "42",
        "true",
        "[{}]",
    ];

    /// <summary>
    /// Media types no JSON operation reads, including JSON-based ones with other meanings (a JSON Patch is not the
    /// resource) and JSON in another encoding than UTF-8.
    /// </summary>
    public static readonly string[] WrongMediaTypes =
    [
        "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/json-patch+json", "application/merge-patch+json", "application/json; charset=utf-16",
    ];

    /// <summary>ETags that name no current version; a weak one never matches in If-Match (RFC 9110 13.1.1: strong comparison).</summary>
    public static IEnumerable<string> BadETags(string current) => ["garbage", "\"v999999\"", "\"\"", "W/" + current];

    /// <summary>Every route: the business routes of <see cref="AllRoutes"/>, and those outside a business.</summary>
    public static IEnumerable<string> RouteNames => [.. AllRoutes.Cases.Select(c => c.ToString()), .. OutsideBusiness.Keys];

    public static TheoryData<string> Routes() => [.. RouteNames];

    private static readonly Dictionary<string, Func<ApiFactory, Tenant, Task<(HttpClient Client, string Url, object? Body)>>> OutsideBusiness = new()
    {
        ["GET " + HealthApi.LiveRoute] = (api, _) => Task.FromResult((api.ClientWithToken(null), HealthApi.LiveRoute, (object?)null)),
        ["GET " + HealthApi.ReadyRoute] = (api, _) => Task.FromResult((api.ClientWithToken(null), HealthApi.ReadyRoute, (object?)null)),
        ["GET /api/v2/voice/agent-config"] = async (api, tenant) =>
        {
            var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
            var agent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));
            return (agent, $"/api/v2/voice/agent-config?to={Uri.EscapeDataString(phone.PhoneNumber)}", null);
        },
        ["POST " + Webhook.Voice] = (api, _) => Task.FromResult((api.ClientWithToken(null), Webhook.Voice, (object?)new { To = "+14155550100" })),
        ["POST " + Webhook.Recorded] = (api, _) => Task.FromResult((api.ClientWithToken(null), Webhook.Recorded, (object?)new { CallSid = "CA1" })),
        ["POST " + Webhook.Sms] = (api, _) => Task.FromResult((api.ClientWithToken(null), Webhook.Sms, (object?)new { To = "+14155550100" })),
        ["POST /api/v2/realtime/negotiate"] = (_, tenant) => Task.FromResult((tenant.Viewer, "/api/v2/realtime/negotiate", (object?)null)),
        ["POST /api/v2/realtime/subscriptions"] = (_, tenant) => Task.FromResult((tenant.Viewer, "/api/v2/realtime/subscriptions",
            (object?)new { connectionId = "no-such-connection", channel = $"business:{tenant.BusinessId}" })),
        ["DELETE /api/v2/realtime/subscriptions"] = (_, tenant) => Task.FromResult((tenant.Viewer,
            $"/api/v2/realtime/subscriptions?connectionId=no-such-connection&channel=business:{tenant.BusinessId}", (object?)null)),
        ["POST " + Migrations.Base] = (api, tenant) => Task.FromResult((api.Ops(), Migrations.Base,
            (object?)new { dryRun = true, businessIds = new[] { tenant.BusinessId } })),
        ["POST " + Migrations.Base + "/verify"] = (api, tenant) => Task.FromResult((api.Ops(), Migrations.Base + "/verify",
            (object?)new { businessIds = new[] { tenant.BusinessId } })),
        ["GET " + Migrations.Base] = (api, _) => Task.FromResult((api.Ops(), Migrations.Base, (object?)null)),
        ["GET " + Migrations.Base + "/{runId}"] = (api, _) => Task.FromResult((api.Ops(), Migrations.Base + "/no-such-run", (object?)null)),
        ["GET " + Migrations.Base + "/{runId}/report"] = (api, _) => Task.FromResult((api.Ops(), Migrations.Base + "/no-such-run/report", (object?)null)),
        ["POST " + Migrations.Base + "/{runId}/terminate"] = (api, _) => Task.FromResult((api.Ops(), Migrations.Base + "/no-such-run/terminate", (object?)null)),
        ["POST " + Migrations.Base + "/{runId}/suspend"] = (api, _) => Task.FromResult((api.Ops(), Migrations.Base + "/no-such-run/suspend", (object?)null)),
        ["POST " + Migrations.Base + "/{runId}/resume"] = (api, _) => Task.FromResult((api.Ops(), Migrations.Base + "/no-such-run/resume", (object?)null)),
        ["DELETE " + Migrations.Base + "/{runId}"] = (api, _) => Task.FromResult((api.Ops(), Migrations.Base + "/no-such-run", (object?)null)),
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryHostileRequestIsAClientErrorProblemAndEverythingStillAnswers(string route)
    {
        using var tenant = await api.NewTenantAsync();
        var (method, pattern, client, url, body, etag) = await PrepareAsync(route, tenant);
        var sent = 0;
        var wrong = new List<string>();

        foreach (var request in HostileRequests(method, pattern, url, body, etag))
        {
            using (request)
            {
                var content = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
                var described = $"{request.Method} {Shorten(request.RequestUri!.OriginalString)} [{request.Content?.Headers.ContentType}] "
                    + $"[If-Match: {(request.Headers.NonValidated.TryGetValues("If-Match", out var ifMatch) ? ifMatch.ToString() : "")}] {Shorten(content)}";
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                sent++;
                if ((int)response.StatusCode is < 400 or >= 500)
                {
                    wrong.Add($"{described} got {(int)response.StatusCode}: {Shorten(text)}");
                }
                else if (KestrelRefusesTheRequestLine(request))
                {
                    // The server refuses a NUL in the path before any application code runs; no body is written.
                    Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
                }
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                    || JsonDocument.Parse(text).RootElement.GetProperty("type").GetString() is not { } type
                    || !type.StartsWith("urn:multiphone:problem:", StringComparison.Ordinal))
                {
                    wrong.Add($"{described} got {(int)response.StatusCode} without a problem: {Shorten(text)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {sent} hostile requests were not refused with a problem:\n" + string.Join('\n', wrong));
        // The app answers, and so does its Cosmos server: reading the business is a database read.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await tenant.Viewer.GetAsync(tenant.Path(), TestContext.Current.CancellationToken)).StatusCode);
        TestContext.Current.SendDiagnosticMessage($"{route}: {sent} hostile requests");
    }

    [Fact]
    public void TheTableCoversEveryMappedRoute()
    {
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/api/health", StringComparison.Ordinal))
            // The hub speaks the SignalR protocol, not REST.
            .Where(e => !e.RoutePattern.RawText!.StartsWith(RealtimeHub.Path, StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"));

        Assert.Empty(mapped.Except(RouteNames));
    }

    private async Task<(string Method, string Pattern, HttpClient Client, string Url, object? Body, string? ETag)> PrepareAsync(string route, Tenant tenant)
    {
        var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
        var pattern = route[(method.Length + 1)..];
        if (OutsideBusiness.TryGetValue(route, out var prepare))
        {
            var (client, url, body) = await prepare(api, tenant);
            return (method, pattern, client, url, body, null);
        }
        var target = await AllRoutes.Get(route).Prepare(tenant);
        return (method, pattern, tenant.Admin, target.Url, target.Body, target.ETag);
    }

    private static IEnumerable<HttpRequestMessage> HostileRequests(string method, string pattern, string url, object? body, string? etag)
    {
        var verb = new HttpMethod(method);
        // A method the route does not have.
        yield return new HttpRequestMessage(method == "PATCH" ? HttpMethod.Trace : HttpMethod.Patch, url);
        var valid = body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        HttpRequestMessage Request(string target, byte[]? content, string? mediaType = "application/json", string? ifMatch = null)
        {
            var request = new HttpRequestMessage(verb, target);
            if (content is not null)
            {
                request.Content = new ByteArrayContent(content);
                request.Content.Headers.ContentType = mediaType is null ? null : MediaTypeHeaderValue.Parse(mediaType);
            }
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch ?? etag);
            return request;
        }
        var validBytes = valid is null ? null : Encoding.UTF8.GetBytes(valid);

        foreach (var (index, hostile) in IdSegments(pattern, url).SelectMany(index => HostileIds.Select(id => (index, id))))
        {
            var segments = url.Split('?')[0].Split('/');
            segments[index] = hostile;
            yield return Request(string.Join('/', segments) + (url.Contains('?') ? "?" + url.Split('?', 2)[1] : ""), validBytes);
        }
        foreach (var query in method == "GET" || pattern.StartsWith("/api/v1/", StringComparison.Ordinal) ? BadQueries(pattern) : [])
        {
            yield return Request(url + (url.Contains('?') ? "&" : "?") + query, validBytes);
        }
        if (etag is not null && method is "PUT" or "DELETE")
        {
            foreach (var bad in BadETags(etag))
            {
                yield return Request(url, validBytes, ifMatch: bad);
            }
        }
        if (valid is null)
        {
            yield break;
        }
        foreach (var json in HostileJson.Select(Encoding.UTF8.GetBytes).Concat(Spoiled(valid)))
        {
            yield return Request(url, json);
        }
        foreach (var mediaType in WrongMediaTypes)
        {
            yield return Request(url, validBytes, mediaType);
        }
        yield return Request(url, validBytes, mediaType: null);
        yield return Request(url, Encoding.UTF8.GetBytes("{\"name\": \"" + new string('x', 300_000) + "\"}"));
    }

    /// <summary>
    /// The route's valid body, spoiled where a reader that skips or keeps the last of something would not look: a
    /// member given twice, a member the operation does not know holding a lone surrogate or bytes that are not UTF-8,
    /// and the same in the first string the operation does read.
    /// </summary>
    private static IEnumerable<byte[]> Spoiled(string valid)
    {
        if (JsonNode.Parse(valid) is not JsonObject { Count: > 0 } members)
        {
            yield break;
        }
        var rest = valid[1..];
        var first = members.First();
        var firstMember = new JsonObject { [first.Key] = first.Value?.DeepClone() }.ToJsonString()[1..^1];
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        byte[] NotUtf8 = [0xC0, 0xAF];

        yield return Utf8("{" + firstMember + "," + rest);
        yield return Utf8("{\"note\":\"\\uD800\"," + rest);
        yield return [.. Utf8("{\"note\":\""), .. NotUtf8, .. Utf8("\"," + rest)];
        if (members.FirstOrDefault(m => m.Value?.GetValueKind() == JsonValueKind.String) is { Key: { } name })
        {
            var without = new JsonObject(members.Where(m => m.Key != name).Select(m => KeyValuePair.Create(m.Key, m.Value?.DeepClone())));
            var others = without.Count == 0 ? "}" : "," + without.ToJsonString()[1..];
            yield return Utf8("{" + JsonSerializer.Serialize(name) + ":\"\\uDC00x\"" + others);
            yield return [.. Utf8("{" + JsonSerializer.Serialize(name) + ":\"x"), .. NotUtf8, .. Utf8("\"" + others)];
        }
    }

    /// <summary>Positions of the URL's path segments that hold ids in the route pattern.</summary>
    private static IEnumerable<int> IdSegments(string pattern, string url)
    {
        var names = pattern.Split('/');
        var values = url.Split('?')[0].Split('/');
        return Enumerable.Range(0, Math.Min(names.Length, values.Length)).Where(i => names[i].StartsWith('{') && names[i].EndsWith("Id}", StringComparison.Ordinal));
    }

    /// <summary>Query values the route reads, made unreadable or out of range.</summary>
    private static IEnumerable<string> BadQueries(string pattern) => pattern switch
    {
        _ when pattern.EndsWith("/phone-numbers", StringComparison.Ordinal) => ["active=maybe", "active=%00"],
        _ when pattern.EndsWith("/report", StringComparison.Ordinal) => ["pageSize=0", "pageSize=many", "continuationToken=not-a-token", "continuationToken=%00"],
        _ when pattern.EndsWith("/agent-config", StringComparison.Ordinal) =>
            ["at=9999-12-31T23:59:59Z", "at=0001-01-01T00:00:00Z", "at=yesterday", "at=%00"],
        _ when pattern.StartsWith("/api/v1/", StringComparison.Ordinal) => ["phoneId=%C0%AF", "phoneId=a%00b", "phoneId=" + new string('p', 100)],
        _ => [],
    };

    private static bool KestrelRefusesTheRequestLine(HttpRequestMessage request) =>
        request.RequestUri!.OriginalString.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "..." : text;
}
