using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Routes;

namespace MultiPhone.IntegrationTests;

/// <summary>A client may send back what a GET answered: output-only members are ignored, unknown ones still refused.</summary>
public sealed class ReadBackTests(ApiFactory api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryResourceTakesBackItsOwnRepresentation()
    {
        using var tenant = await api.NewTenantAsync();
        using var ops = api.Ops();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var staff = await CreatedIdAsync(tenant.Admin, tenant.Path("/staff"), StaffCalls.NewStaff("Dana", email: "dana@example.com"));
        var service = await CreatedIdAsync(tenant.Admin, tenant.Path("/services"), ServiceCalls.NewService(price: new { amount = 80, currency = "USD" }));
        var integration = await CreatedIdAsync(tenant.Admin, tenant.Path("/integrations"), new
        {
            type = "webhook",
            name = "CRM hook",
            settings = new Dictionary<string, string> { ["url"] = "https://crm.example/hook" },
        });
        await tenant.Admin.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/staff"), new { assignments = new[] { StaffCalls.Assign(staff, "Front desk") } }, "\"v0\"");

        await AssertTakesBackAsync(tenant.Admin, tenant.Path($"/phone-numbers/{phone.Id}"));
        await AssertTakesBackAsync(tenant.Admin, tenant.Path());
        await AssertTakesBackAsync(tenant.Admin, tenant.Path($"/staff/{staff}"));
        await AssertTakesBackAsync(tenant.Admin, tenant.Path($"/services/{service}"));
        await AssertTakesBackAsync(tenant.Admin, tenant.Path($"/integrations/{integration}"));
        await AssertTakesBackAsync(tenant.Admin, tenant.Path($"/phone-numbers/{phone.Id}/staff"));
        await AssertTakesBackAsync(ops, tenant.Path("/subscription"));
    }

    [Fact]
    public async Task AMemberNoRepresentationHasIsStillRefusedWithTheReasonAndTheMembersExpected()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}");
        var read = JsonNode.Parse(await tenant.Admin.GetStringAsync(url, Ct))!.AsObject();
        read["nickname"] = "Front";

        var response = await PutRawAsync(tenant.Admin, url, read.ToJsonString(), etag);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(["nickname"], problem.ErrorFields());
        Assert.Equal("Could not read 'nickname': not a member of this body. Leave it out; the members here are "
            + "phoneNumber, displayName, address, timezone, isActive, isPrimary, labels, settings.", problem.GetProperty("detail").GetString());
    }

    private static async Task AssertTakesBackAsync(HttpClient client, string url)
    {
        using var read = await client.GetAsync(url, Ct);
        var body = await read.Content.ReadAsStringAsync(Ct);
        Assert.True(read.IsSuccessStatusCode, $"GET {url}: {(int)read.StatusCode} {body}");

        using var written = await PutRawAsync(client, url, body, read.ETag());

        Assert.True(written.StatusCode == HttpStatusCode.OK,
            $"PUT {url} with its GET body: {(int)written.StatusCode} {await written.Content.ReadAsStringAsync(Ct)}");
    }

    private static Task<HttpResponseMessage> PutRawAsync(HttpClient client, string url, string json, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, Ct);
    }

    private static async Task<string> CreatedIdAsync(HttpClient client, string url, object body)
    {
        using var created = await client.SendJsonAsync(HttpMethod.Post, url, body);
        return (await created.ReadAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}
