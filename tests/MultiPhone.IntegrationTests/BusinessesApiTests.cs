using System.Net;
using System.Text.Json;
using MultiPhone.Businesses;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

public sealed class BusinessesApiTests(ApiFactory api)
{
    [Fact]
    public async Task PuttingANewBusinessCreatesItAndGettingItReturnsIt()
    {
        var id = $"t-{Guid.NewGuid():N}";
        using var ops = api.Ops();

        var created = await ops.SendJsonAsync(HttpMethod.Put, $"/api/v2/businesses/{id}", new
        {
            name = "  Corner Bakery ",
            companyProfile = new { legalName = "Corner Bakery Ltd", website = "https://corner.example", defaultCountry = "gb" },
        });
        var read = await ops.GetAsync($"/api/v2/businesses/{id}", TestContext.Current.CancellationToken);

        var business = await created.ReadAsync<BusinessResponse>(HttpStatusCode.Created);
        Assert.Equal(("Corner Bakery", "GB"), (business.Name, business.CompanyProfile?.DefaultCountry));
        Assert.Equal(business, await read.ReadAsync<BusinessResponse>());
        Assert.Equal(created.ETag(), read.ETag());
    }

    [Fact]
    public async Task UpdatingNeedsTheCurrentETag()
    {
        using var tenant = await api.NewTenantAsync();
        var etag = (await tenant.Viewer.GetAsync(tenant.Path(), TestContext.Current.CancellationToken)).ETag();

        var missing = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path(), new { name = "No precondition" });
        var updated = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path(), new { name = "Renamed" }, etag);
        var stale = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path(), new { name = "Lost update" }, etag);

        await missing.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        Assert.Equal("Renamed", (await updated.ReadAsync<BusinessResponse>()).Name);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
    }

    [Fact]
    public async Task AddingOrPromotingPhonesDoesNotMakeTheBusinessETagStale()
    {
        using var tenant = await api.NewTenantAsync();
        var etag = (await tenant.Viewer.GetAsync(tenant.Path(), TestContext.Current.CancellationToken)).ETag();
        await tenant.CreatePhoneAsync(Numbers.NextUs());
        await tenant.CreatePhoneAsync(Numbers.NextUs(), isPrimary: true);

        var updated = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path(), new { name = "Renamed" }, etag);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }

    [Fact]
    public async Task InvalidBusinessesNameEveryBadField()
    {
        using var ops = api.Ops();

        var response = await ops.SendJsonAsync(HttpMethod.Put, $"/api/v2/businesses/t-{Guid.NewGuid():N}", new
        {
            name = " ",
            companyProfile = new { legalName = new string('x', 201), website = "ftp://files.example", defaultCountry = "ZZ" },
        });
        var badId = await ops.SendJsonAsync(HttpMethod.Put, "/api/v2/businesses/-bad.id", new { name = "Fine" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["companyProfile.defaultCountry", "companyProfile.legalName", "companyProfile.website", "name"], problem.ErrorFields());
        Assert.Equal(["businessId"], (await badId.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
    }

    [Fact]
    public async Task AnUnknownBusinessIsNotFoundEvenForOps()
    {
        using var ops = api.Ops();

        var response = await ops.GetAsync($"/api/v2/businesses/t-{Guid.NewGuid():N}", TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(JsonValueKind.String, problem.GetProperty("traceId").ValueKind);
    }
}
