using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MultiPhone.AgentConfig;
using MultiPhone.Common;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.IntegrationTests.Infrastructure;

public static class Http
{
    /// <summary>The API's JSON, read as a client reads a response: what it does not know is skipped, not refused.</summary>
    private static readonly JsonSerializerOptions Responses = new(ApiJson.Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A PUT the test needs to succeed before it goes on.</summary>
    public static async Task PutOrFailAsync(this HttpClient client, string url, object body, string ifMatch)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Put, url, body, ifMatch);
        Assert.True(response.IsSuccessStatusCode,
            $"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new Xunit.Sdk.XunitException("The response has no ETag");

    /// <summary>Asserts an RFC 9457 problem of the given status and type, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("urn:multiphone:problem:" + type, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string[] ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Responses)!;
    }
}

/// <summary>Phone-number calls the tests make over and over.</summary>
public static class PhoneCalls
{
    public static object NewPhone(string number, string displayName = "Main office", string timezone = "America/New_York", bool? isPrimary = null, bool? isActive = null) =>
        new { phoneNumber = number, displayName, timezone, isPrimary, isActive };

    public static Task<HttpResponseMessage> PostPhoneAsync(this Tenant tenant, object body, string? idempotencyKey = null) =>
        tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/phone-numbers"), body, idempotencyKey: idempotencyKey);

    public static async Task<(PhoneNumberResponse Phone, string ETag)> CreatePhoneAsync(this Tenant tenant, string number, string displayName = "Main office", bool? isPrimary = null)
    {
        var response = await tenant.PostPhoneAsync(NewPhone(number, displayName, isPrimary: isPrimary));
        return (await response.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created), response.ETag());
    }

    public static async Task<IReadOnlyList<PhoneNumberResponse>> ListPhonesAsync(this Tenant tenant, string query = "") =>
        (await (await tenant.Viewer.GetAsync(tenant.Path("/phone-numbers" + query), TestContext.Current.CancellationToken)).ReadAsync<PhoneList>()).Items;

    public static async Task<(PhoneNumberResponse Phone, string ETag)> GetPhoneAsync(this Tenant tenant, string phoneId)
    {
        var response = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}"), TestContext.Current.CancellationToken);
        return (await response.ReadAsync<PhoneNumberResponse>(), response.ETag());
    }

    /// <summary>What a voice agent loads for the phone, as a viewer previews it (optionally at an instant).</summary>
    public static async Task<AgentConfiguration> GetAgentConfigAsync(this Tenant tenant, string phoneId, string? at = null)
    {
        var query = at is null ? "" : $"?at={Uri.EscapeDataString(at)}";
        return await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/agent-config{query}"), TestContext.Current.CancellationToken))
            .ReadAsync<AgentConfiguration>();
    }

    public sealed record PhoneList(IReadOnlyList<PhoneNumberResponse> Items);
}

/// <summary>Unique, valid numbers per test run, so tests never collide on the global number index.</summary>
public static class Numbers
{
    private static readonly string[] AreaCodes = ["212", "415", "312", "617", "206", "303", "512", "702"];
    private static int _next = Random.Shared.Next(0, 1_000_000);

    /// <summary>A valid US number in E.164.</summary>
    public static string NextUs()
    {
        var n = Interlocked.Increment(ref _next);
        var exchange = 234 + n / 80_000 % 600;
        // N11 exchanges (411, 611, ...) are service codes, not valid numbers.
        exchange += exchange % 100 == 11 ? 1 : 0;
        return $"+1{AreaCodes[n / 10_000 % AreaCodes.Length]}{exchange}{n % 10_000:0000}";
    }

    /// <summary>A London number of the range kept for drama (020 7946 xxxx), as a person in the UK types it, or with +44.</summary>
    public static string NextLondon(bool international = false)
    {
        var local = $"7946 {Interlocked.Increment(ref _next) % 10_000:0000}";
        return international ? $"+44 20 {local}" : $"020 {local}";
    }
}
