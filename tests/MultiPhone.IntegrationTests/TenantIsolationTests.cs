using System.Net;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary>Every route, against callers with no token, a bad token, another business's token, or too low a role.</summary>
public sealed class TenantIsolationTests(ApiFactory api)
{
    /// <summary>Method, path under the business (PHONE is replaced by a real phone id), lowest role allowed.</summary>
    public static TheoryData<string, string, BusinessRole> Routes() => new()
    {
        { "GET", "", BusinessRole.Viewer },
        { "PUT", "", BusinessRole.Admin },
        { "GET", "/phone-numbers", BusinessRole.Viewer },
        { "POST", "/phone-numbers", BusinessRole.Admin },
        { "GET", "/phone-numbers/PHONE", BusinessRole.Viewer },
        { "PUT", "/phone-numbers/PHONE", BusinessRole.Admin },
        { "DELETE", "/phone-numbers/PHONE", BusinessRole.Admin },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task NoTokenOrABadTokenGivesUnauthorized(string method, string route, BusinessRole _)
    {
        using var victim = await api.NewTenantAsync();
        var (url, body, etag) = await TargetAsync(victim, route);
        using var anonymous = api.ClientWithToken(null);
        using var forged = api.ClientWithToken(Forge(victim.Token(BusinessRole.Admin)));

        await (await anonymous.SendJsonAsync(new HttpMethod(method), url, body, etag)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await forged.SendJsonAsync(new HttpMethod(method), url, body, etag)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await AssertUntouchedAsync(victim);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnotherBusinessGetsNotFoundAndLearnsNothing(string method, string route, BusinessRole _)
    {
        using var victim = await api.NewTenantAsync();
        using var intruder = await api.NewTenantAsync();
        var (url, body, etag) = await TargetAsync(victim, route);
        using var voiceAgent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));

        foreach (var client in new[] { intruder.Admin, voiceAgent })
        {
            var response = await client.SendJsonAsync(new HttpMethod(method), url, body, etag);
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            Assert.DoesNotContain("+1", problem.ToString());
        }
        await AssertUntouchedAsync(victim);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ARoleTooLowGetsForbidden(string method, string route, BusinessRole lowest)
    {
        using var tenant = await api.NewTenantAsync();
        var (url, body, etag) = await TargetAsync(tenant, route);

        foreach (var role in Enum.GetValues<BusinessRole>().Where(r => r < lowest))
        {
            var response = await tenant.Client(role).SendJsonAsync(new HttpMethod(method), url, body, etag);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
        await AssertUntouchedAsync(tenant);
    }

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

    /// <summary>The URL, a valid body and a current ETag for the route, so only authorization can refuse the call.</summary>
    private static async Task<(string Url, object? Body, string? ETag)> TargetAsync(Tenant tenant, string route)
    {
        var (phone, phoneETag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Main office");
        var business = await tenant.Viewer.GetAsync(tenant.Path(), TestContext.Current.CancellationToken);
        return route switch
        {
            "" => (tenant.Path(), new { name = "Renamed" }, business.ETag()),
            "/phone-numbers" => (tenant.Path(route), PhoneCalls.NewPhone(Numbers.NextUs()), null),
            _ => (tenant.Path(route.Replace("PHONE", phone.Id)), PhoneCalls.NewPhone(phone.PhoneNumber, "Renamed"), phoneETag),
        };
    }

    private static async Task AssertUntouchedAsync(Tenant tenant)
    {
        var phone = Assert.Single(await tenant.ListPhonesAsync());
        Assert.Equal("Main office", phone.DisplayName);
        var business = await tenant.Viewer.GetAsync(tenant.Path(), TestContext.Current.CancellationToken);
        Assert.StartsWith("Test business", (await business.ReadAsync<System.Text.Json.JsonElement>()).GetProperty("name").GetString());
    }

    /// <summary>The same claims with a signature that does not verify.</summary>
    private static string Forge(string token) => token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
}
