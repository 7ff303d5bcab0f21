using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Routes;

namespace MultiPhone.IntegrationTests;

/// <summary>Input that cannot be read must give a 4xx problem that says why, never a 500.</summary>
public sealed class MalformedInputTests(ApiFactory api)
{
    /// <summary>Bodies no route can read, whatever its fields.</summary>
    public static readonly (string Body, string ContentType)[] Unreadable =
    [
        ("not json at all", "application/json"),
        ("{\"name\": \"x\",", "application/json"),
        ("{\"name\": tru}", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ("\"just a string\"", "application/json"),
        ("null", "application/json"),
        ("", "application/json"),
        (new string('[', 100) + new string(']', 100), "application/json"),
        ("name=x", "application/x-www-form-urlencoded"),
        ("{\"name\": \"x\"}", "text/plain"),
    ];

    [Theory]
    [MemberData(nameof(AllRoutes.NamesWithBody), MemberType = typeof(AllRoutes))]
    public async Task UnreadableBodiesGiveAClientErrorProblemOnEveryRoute(string route)
    {
        using var tenant = await api.NewTenantAsync();
        var routeCase = AllRoutes.Get(route);
        var target = await routeCase.Prepare(tenant);
        var before = await tenant.Admin.GetStringAsync(target.StateUrl, TestContext.Current.CancellationToken);

        foreach (var (body, contentType) in Unreadable.Concat(routeCase.WrongTypes.Select(body => (body, "application/json"))))
        {
            var response = await SendRawAsync(tenant.Admin, new HttpMethod(routeCase.Method), target.Url, body, contentType, target.ETag);
            await AssertClientErrorProblemAsync(response, body);
        }
        Assert.Equal(before, await tenant.Admin.GetStringAsync(target.StateUrl, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnIdTheAppWouldNeverIssueIsRefusedAndTheDatabaseStillAnswers()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Viewer.GetAsync(tenant.Path("/phone-numbers/%C0%AF"), TestContext.Current.CancellationToken);

        Assert.Equal(["phoneId"], (await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        Assert.Empty(await tenant.ListPhonesAsync());
    }

    [Fact]
    public async Task AnOversizedBodyGivesPayloadTooLarge()
    {
        using var tenant = await api.NewTenantAsync();
        var body = $"{{\"phoneNumber\": \"+12125550100\", \"displayName\": \"{new string('x', 300_000)}\"}}";

        var response = await SendRawAsync(tenant.Admin, HttpMethod.Post, tenant.Path("/phone-numbers"), body, "application/json", null);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task InvalidUtf8GivesBadRequest()
    {
        using var tenant = await api.NewTenantAsync();
        var content = new ByteArrayContent([.. "{\"displayName\": \""u8, 0xC3, 0x28, .. "\"}"u8]);
        content.Headers.ContentType = new("application/json");

        var response = await tenant.Admin.PostAsync(tenant.Path("/phone-numbers"), content, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task AnUnreadableQueryValueGivesBadRequest()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Viewer.GetAsync(tenant.Path("/phone-numbers?active=maybe"), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    [Theory]
    [InlineData("""{"signature": "The front desk", "signature": "Reception"}""", "signature")]
    [InlineData("""{"signatur": "The front desk"}""", "signatur")]
    public async Task ABodyReadOnlyInPartIsRefusedNamingWhere(string body, string field)
    {
        using var tenant = await api.NewTenantAsync();

        var response = await SendRawAsync(tenant.Editor, HttpMethod.Put, tenant.Path("/settings/defaults/sms"), body, "application/json", "\"v0\"");

        Assert.Equal([field], (await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request")).ErrorFields());
        var sms = await tenant.Viewer.GetFromJsonAsync<JsonElement>(tenant.Path("/settings/defaults/sms"), TestContext.Current.CancellationToken);
        Assert.Equal(0, sms.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("application/json-patch+json")]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/json; charset=utf-16")]
    public async Task JsonOfAnotherKindOrEncodingIsAnUnsupportedMediaType(string contentType)
    {
        using var tenant = await api.NewTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, tenant.Path("/settings/defaults/sms"))
        {
            Content = new StringContent("""{"signature": "The front desk"}""", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("If-Match", "\"v0\"");

        var response = await tenant.Editor.SendAsync(request, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task AnUnknownRouteOrMethodGivesAProblem()
    {
        using var tenant = await api.NewTenantAsync();

        var unknown = await tenant.Admin.GetAsync(tenant.Path("/no-such-thing"), TestContext.Current.CancellationToken);
        var wrongMethod = await tenant.Admin.PatchAsync(tenant.Path("/phone-numbers"), null, TestContext.Current.CancellationToken);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await wrongMethod.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string url, string body, string contentType, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new(contentType);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task AssertClientErrorProblemAsync(HttpResponseMessage response, string sent)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"Sent {sent[..Math.Min(sent.Length, 80)]}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("urn:multiphone:problem:", text);
    }
}
