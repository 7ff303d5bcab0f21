using System.Net;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using static MultiPhone.IntegrationTests.Migration.Migrations;

namespace MultiPhone.IntegrationTests.Migration;

/// <summary>Only platform role ops may start, read or steer migration runs; everyone else is refused before anything runs.</summary>
public sealed class MigrationAccessTests(ApiFactory api)
{
    private const string Unknown = "lp-20200101T000000Z-abcdef";

    public static TheoryData<string, string> Routes() => new()
    {
        { "POST", Base },
        { "POST", $"{Base}/verify" },
        { "GET", Base },
        { "GET", $"{Base}/{Unknown}" },
        { "GET", $"{Base}/{Unknown}/report" },
        { "POST", $"{Base}/{Unknown}/terminate" },
        { "POST", $"{Base}/{Unknown}/suspend" },
        { "POST", $"{Base}/{Unknown}/resume" },
        { "DELETE", $"{Base}/{Unknown}" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task WithoutATokenItIs401(string method, string path)
    {
        using var anonymous = api.ClientWithToken(null);

        await (await SendAsync(anonymous, method, path)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ABusinessAdminIsForbidden(string method, string path)
    {
        using var tenant = await api.NewTenantAsync();

        await (await SendAsync(tenant.Admin, method, path)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AVoiceAgentIsForbidden(string method, string path)
    {
        using var agent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));

        await (await SendAsync(agent, method, path)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task OpsGetPastTheCheck(string method, string path)
    {
        using var ops = api.Ops();

        var businessIds = new[] { $"t-{Guid.NewGuid():N}" };
        // A verification has no dry run: it writes nothing but its report.
        object body = path.EndsWith("/verify", StringComparison.Ordinal) ? new { businessIds } : new { dryRun = true, businessIds };

        var response = await SendAsync(ops, method, path, body);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NotFound,
            $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, object? body = null) =>
        client.SendJsonAsync(new HttpMethod(method), path, method == "POST" && !path.EndsWith("terminate") && !path.EndsWith("suspend") && !path.EndsWith("resume") ? body ?? new { } : null);
}
