using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Routes;

namespace MultiPhone.IntegrationTests;

/// <summary>Every business route, against callers with no token, a bad token, another business's token, or too low a role.</summary>
public sealed class TenantIsolationTests(ApiFactory api)
{
    [Theory]
    [MemberData(nameof(AllRoutes.Names), MemberType = typeof(AllRoutes))]
    public async Task NoTokenOrABadTokenGivesUnauthorized(string route)
    {
        using var victim = await api.NewTenantAsync();
        var target = await AllRoutes.Get(route).Prepare(victim);
        var before = await StateAsync(victim, target);
        using var anonymous = api.ClientWithToken(null);
        using var forged = api.ClientWithToken(Forge(victim.Token(BusinessRole.Admin)));

        foreach (var client in new[] { anonymous, forged })
        {
            await (await SendAsync(client, route, target)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
        Assert.Equal(before, await StateAsync(victim, target));
    }

    [Theory]
    [MemberData(nameof(AllRoutes.Names), MemberType = typeof(AllRoutes))]
    public async Task AnotherBusinessGetsNotFoundAndLearnsNothing(string route)
    {
        using var victim = await api.NewTenantAsync();
        using var intruder = await api.NewTenantAsync();
        var target = await AllRoutes.Get(route).Prepare(victim);
        var before = await StateAsync(victim, target);
        using var voiceAgent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));

        var problem = await (await SendAsync(intruder.Admin, route, target)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain("Test business", problem.ToString());
        Assert.DoesNotContain("+1", problem.ToString());
        var asVoiceAgent = await SendAsync(voiceAgent, route, target);
        if (Endpoint(route).Metadata.GetMetadata<PlatformReader>()?.Role == PlatformRoles.VoiceAgent)
        {
            // Voice agents load any phone's configuration; they are a platform, not a tenant.
            Assert.Equal(HttpStatusCode.OK, asVoiceAgent.StatusCode);
        }
        else
        {
            await asVoiceAgent.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        Assert.Equal(before, await StateAsync(victim, target));
    }

    [Theory]
    [MemberData(nameof(AllRoutes.Names), MemberType = typeof(AllRoutes))]
    public async Task ARoleTooLowGetsForbidden(string route)
    {
        using var tenant = await api.NewTenantAsync();
        var routeCase = AllRoutes.Get(route);
        var target = await routeCase.Prepare(tenant);
        var before = await StateAsync(tenant, target);

        foreach (var role in Enum.GetValues<BusinessRole>().Where(r => r < routeCase.Lowest))
        {
            await (await SendAsync(tenant.Client(role), route, target)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        Assert.Equal(before, await StateAsync(tenant, target));
    }

    [Theory]
    [MemberData(nameof(AllRoutes.Names), MemberType = typeof(AllRoutes))]
    public async Task TheLowestAllowedRoleSucceeds(string route)
    {
        using var tenant = await api.NewTenantAsync();
        var routeCase = AllRoutes.Get(route);
        var target = await routeCase.Prepare(tenant);

        var response = await SendAsync(tenant.Client(routeCase.Lowest), route, target);

        Assert.True(response.IsSuccessStatusCode, $"{route} as {routeCase.Lowest}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    [Fact]
    public void EveryBusinessRouteHasACase()
    {
        var mapped = BusinessEndpoints().Select(e => e.Name).ToHashSet();

        Assert.Empty(mapped.Except(AllRoutes.Cases.Select(c => c.ToString())));
    }

    private IEnumerable<(string Name, RouteEndpoint Endpoint)> BusinessEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v2/businesses/{businessId}", StringComparison.Ordinal)
                || e.RoutePattern.RawText.StartsWith("/api/v1/businesses/{businessId}", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => ($"{m} {e.RoutePattern.RawText!.TrimEnd('/')}", e)));

    private RouteEndpoint Endpoint(string route) => BusinessEndpoints().Single(e => e.Name == route).Endpoint;

    [Fact]
    public async Task APhoneOfAnotherBusinessIsNotFoundUnderYourOwnBusiness()
    {
        using var victim = await api.NewTenantAsync();
        using var intruder = await api.NewTenantAsync();
        var (phone, etag) = await victim.CreatePhoneAsync(Numbers.NextUs());
        var url = intruder.Path($"/phone-numbers/{phone.Id}");

        await (await intruder.Admin.SendJsonAsync(HttpMethod.Get, url, null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await intruder.Admin.SendJsonAsync(HttpMethod.Put, url, PhoneCalls.NewPhone(phone.PhoneNumber, "Hijacked"), etag))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await intruder.Admin.SendJsonAsync(HttpMethod.Delete, url, null, etag)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("Main office", (await victim.GetPhoneAsync(phone.Id)).Phone.DisplayName);
    }

    [Fact]
    public async Task OpsCanCreateABusinessAndAnAdminOnlyTheirOwn()
    {
        var mine = $"t-{Guid.NewGuid():N}";
        var other = $"t-{Guid.NewGuid():N}";
        using var admin = api.ClientWithToken(api.Token("founder", [(mine, BusinessRole.Admin)]));
        using var editor = api.ClientWithToken(api.Token("editor", [(other, BusinessRole.Editor)]));
        var body = new { name = "New business" };

        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v2/businesses/{mine}", body)).StatusCode);
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v2/businesses/{other}", body)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await editor.SendJsonAsync(HttpMethod.Put, $"/api/v2/businesses/{other}", body)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string route, RouteTarget target) =>
        client.SendJsonAsync(new HttpMethod(AllRoutes.Get(route).Method), target.Url, target.Body, target.ETag);

    /// <summary>What the owner sees at the state URL: refused calls must leave it exactly as it was.</summary>
    private static async Task<string> StateAsync(Tenant owner, RouteTarget target)
    {
        var response = await owner.Admin.GetAsync(target.StateUrl, TestContext.Current.CancellationToken);
        return $"{(int)response.StatusCode} {response.Headers.ETag} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}";
    }

    /// <summary>The same claims with a signature that does not verify.</summary>
    private static string Forge(string token) => token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
}
