using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiPhone.Functions.Api;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary>The deprecated <c>/api/v1/businesses/{b}/settings/{section}</c> routes, kept for pre-multi-phone clients.</summary>
public sealed class LegacySettingsApiTests(ApiFactory api)
{
    [Fact]
    public async Task GetReturnsThePrimaryPhonesEffectiveSectionAsAPlainObject()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Primary");
        var (other, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Other");
        await PutV2Async(tenant, primary.Id, "voice", new { greeting = "Hello from the primary" });
        await PutV2Async(tenant, other.Id, "voice", new { greeting = "Hello from the other one" });

        var response = await tenant.Viewer.GetAsync(V1(tenant, "voice"), TestContext.Current.CancellationToken);

        var body = await response.ReadAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal("Hello from the primary", body.GetProperty("greeting").GetString());
        // Effective: the fields the phone does not override come from the layers below.
        Assert.Equal("Receptionist", body.GetProperty("agentName").GetString());
        foreach (var envelope in new[] { "effective", "override", "sources", "section", "phoneId", "inherits" })
        {
            Assert.False(body.TryGetProperty(envelope, out _), $"The v1 body is the section itself, but it has '{envelope}'");
        }
        Assert.Equal("\"v1\"", response.ETag());
        AssertSuccessorHeaders(response, tenant, primary.Id, "voice");
    }

    [Theory]
    [InlineData("voice")]
    [InlineData("rules")]
    [InlineData("hours")]
    [InlineData("sms")]
    public async Task EverySectionIsDeprecatedAndLinksToItsV2SuccessorWhichShowsTheSameValue(string section)
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var response = await tenant.Viewer.GetAsync(V1(tenant, section), TestContext.Current.CancellationToken);

        var legacy = await response.ReadAsync<JsonElement>();
        AssertSuccessorHeaders(response, tenant, primary.Id, section);
        var successor = await tenant.Viewer.GetAsync(LinkTarget(response), TestContext.Current.CancellationToken);
        var v2 = await successor.ReadAsync<JsonElement>();
        Assert.Equal(section, v2.GetProperty("section").GetString());
        Assert.Equal(primary.Id, v2.GetProperty("phoneId").GetString());
        Assert.Equal(legacy.GetRawText(), v2.GetProperty("effective").GetRawText());
    }

    [Fact]
    public async Task PhoneIdTargetsAnotherPhone()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Primary");
        var (other, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Other");
        await PutV2Async(tenant, primary.Id, "sms", new { autoReply = "Primary reply" });
        await PutV2Async(tenant, other.Id, "sms", new { autoReply = "Other reply" });

        var response = await tenant.Viewer.GetAsync(V1(tenant, "sms") + $"?phoneId={other.Id}", TestContext.Current.CancellationToken);

        Assert.Equal("Other reply", (await response.ReadAsync<JsonElement>()).GetProperty("autoReply").GetString());
        AssertSuccessorHeaders(response, tenant, other.Id, "sms");
    }

    [Fact]
    public async Task PutWithoutIfMatchWritesThePrimaryPhonesSectionAsV2ShowsIt()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Primary");
        var (other, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Other");

        var first = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "voice"), new { greeting = "Hi, v1 here" });
        var second = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "voice"), new { greeting = "Hi again, v1 here" });

        Assert.Equal("Hi, v1 here", (await first.ReadAsync<JsonElement>()).GetProperty("greeting").GetString());
        var written = await second.ReadAsync<JsonElement>();
        Assert.Equal(("Hi again, v1 here", "Receptionist"), (written.GetProperty("greeting").GetString(), written.GetProperty("agentName").GetString()));
        Assert.Equal("\"v2\"", second.ETag());
        AssertSuccessorHeaders(second, tenant, primary.Id, "voice");
        var v2 = await V2Async(tenant, primary.Id, "voice");
        Assert.Equal("Hi again, v1 here", v2.GetProperty("override").GetProperty("greeting").GetString());
        Assert.Equal("Hi again, v1 here", v2.GetProperty("effective").GetProperty("greeting").GetString());
        Assert.Equal((2, false), (v2.GetProperty("version").GetInt64(), v2.GetProperty("inherits").GetBoolean()));
        Assert.True((await V2Async(tenant, other.Id, "voice")).GetProperty("inherits").GetBoolean());
    }

    [Fact]
    public async Task PutWithPhoneIdWritesThatPhoneOnly()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Primary");
        var (other, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Other");

        var response = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "hours") + $"?phoneId={other.Id}", new { alwaysOpen = true });

        Assert.True((await response.ReadAsync<JsonElement>()).GetProperty("alwaysOpen").GetBoolean());
        AssertSuccessorHeaders(response, tenant, other.Id, "hours");
        Assert.True((await V2Async(tenant, other.Id, "hours")).GetProperty("effective").GetProperty("alwaysOpen").GetBoolean());
        Assert.True((await V2Async(tenant, primary.Id, "hours")).GetProperty("inherits").GetBoolean());
    }

    [Theory]
    [InlineData("voice")]
    [InlineData("rules")]
    [InlineData("hours")]
    [InlineData("sms")]
    public async Task WhatGetReturnsCanBePutBackUnchanged(string section)
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var read = await (await tenant.Viewer.GetAsync(V1(tenant, section), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

        var response = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, section), read);

        Assert.Equal(read.GetRawText(), (await response.ReadAsync<JsonElement>()).GetRawText());
        Assert.Equal(read.GetRawText(), (await V2Async(tenant, primary.Id, section)).GetProperty("effective").GetRawText());
    }

    [Fact]
    public async Task PutWithAStaleIfMatchIsPreconditionFailedAndWithTheCurrentOneSucceeds()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var read = await tenant.Viewer.GetAsync(V1(tenant, "voice"), TestContext.Current.CancellationToken);
        var readETag = read.ETag();
        await PutV2Async(tenant, primary.Id, "voice", new { greeting = "Changed by someone else" });

        var stale = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "voice"), new { greeting = "Lost update" }, ifMatch: readETag);
        var current = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "voice"), new { greeting = "Informed update" }, ifMatch: "\"v1\"");

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal("Informed update", (await current.ReadAsync<JsonElement>()).GetProperty("greeting").GetString());
        Assert.Equal("Informed update", (await V2Async(tenant, primary.Id, "voice")).GetProperty("effective").GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task ABusinessWithNoPhonesHasNoSettingsHere()
    {
        using var tenant = await api.NewTenantAsync();

        var get = await tenant.Viewer.GetAsync(V1(tenant, "voice"), TestContext.Current.CancellationToken);
        var put = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "voice"), new { greeting = "Nobody hears this" });

        await get.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await put.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task AnUnknownPhoneIdIsNotFound()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreatePhoneAsync(Numbers.NextUs());

        var get = await tenant.Viewer.GetAsync(V1(tenant, "voice") + "?phoneId=no-such-phone", TestContext.Current.CancellationToken);
        var put = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "voice") + "?phoneId=no-such-phone", new { greeting = "Nobody hears this" });

        await get.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await put.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task AViewerCannotPut()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var response = await tenant.Viewer.SendJsonAsync(HttpMethod.Put, V1(tenant, "voice"), new { greeting = "Viewer was here" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.True((await V2Async(tenant, primary.Id, "voice")).GetProperty("inherits").GetBoolean());
    }

    [Fact]
    public async Task AnInvalidSectionIsRefusedNamingTheField()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var response = await tenant.Editor.SendJsonAsync(HttpMethod.Put, V1(tenant, "rules"), new { afterHours = new { action = "transfer" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["afterHours.transferTo"], problem.ErrorFields());
        Assert.True((await V2Async(tenant, primary.Id, "rules")).GetProperty("inherits").GetBoolean());
    }

    [Fact]
    public async Task RefusalsBeforeTheEndpointRunsAlsoSayV1IsDeprecated()
    {
        using var tenant = await api.NewTenantAsync();
        using var anonymous = api.ClientWithToken(null);

        var response = await anonymous.GetAsync(V1(tenant, "voice"), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        AssertDeprecationHeaders(response);
    }

    private static string V1(Tenant tenant, string section) => $"/api/v1/businesses/{tenant.BusinessId}/settings/{section}";

    private static void AssertSuccessorHeaders(HttpResponseMessage response, Tenant tenant, string phoneId, string section)
    {
        AssertDeprecationHeaders(response);
        Assert.Equal(tenant.Path($"/phone-numbers/{phoneId}/settings/{section}"), LinkTarget(response));
    }

    private static void AssertDeprecationHeaders(HttpResponseMessage response)
    {
        // RFC 9745: "@" and the Unix time at which the resource was (or will be) deprecated.
        var deprecation = Assert.Single(response.Headers.GetValues("Deprecation"));
        Assert.Matches(@"^@\d+$", deprecation);
        Assert.Equal(SettingsApi.DeprecatedSince, DateTimeOffset.FromUnixTimeSeconds(long.Parse(deprecation[1..], CultureInfo.InvariantCulture)));
        // RFC 8594: an HTTP date, later than the deprecation.
        var sunset = Assert.Single(response.Headers.GetValues("Sunset"));
        var sunsetAt = DateTimeOffset.ParseExact(sunset, "r", CultureInfo.InvariantCulture);
        Assert.Equal(SettingsApi.SunsetAt, sunsetAt);
        Assert.True(sunsetAt > SettingsApi.DeprecatedSince);
        // RFC 9745: where the deprecation is documented.
        Assert.Contains(response.Headers.GetValues("Link"), link => Regex.IsMatch(link, @"^<[^>]*/api/docs>;\s*rel=""deprecation"""));
    }

    /// <summary>The target of the single <c>rel="successor-version"</c> link.</summary>
    private static string LinkTarget(HttpResponseMessage response)
    {
        var links = response.Headers.GetValues("Link").Select(link => Regex.Match(link, @"^<(?<target>[^>]+)>;\s*rel=""successor-version""$"));
        return Assert.Single(links, match => match.Success).Groups["target"].Value;
    }

    private static async Task PutV2Async(Tenant tenant, string phoneId, string section, object body)
    {
        var current = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/settings/{section}"), TestContext.Current.CancellationToken);
        var response = await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phoneId}/settings/{section}"), body, ifMatch: current.ETag());
        await response.ReadAsync<JsonElement>();
    }

    private static async Task<JsonElement> V2Async(Tenant tenant, string phoneId, string section) =>
        await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/settings/{section}"), TestContext.Current.CancellationToken))
            .ReadAsync<JsonElement>();
}
