using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Routes;
using MultiPhone.Services;

namespace MultiPhone.IntegrationTests;

public sealed class ServicesApiTests(ApiFactory api)
{
    [Fact]
    public async Task CreatingABusinessServiceNormalisesItAndReturnsLocationAndETag()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/services"), ServiceCalls.NewService(
            " Cleaning ", durationMinutes: 45, price: new { amount = 120.5m, currency = "usd" }, description: "Scale and polish"));

        var service = await response.ReadAsync<ServiceBody>(HttpStatusCode.Created);
        Assert.Equal(
            new ServiceBody(service.Id, tenant.BusinessId, null, "business", "Cleaning", "Scale and polish", 45,
                new Price { Amount = 120.5m, Currency = "USD" }, false),
            service);
        Assert.Equal(tenant.Path($"/services/{service.Id}"), response.Headers.Location?.ToString());
        Assert.Equal("\"v1\"", response.ETag());
        var read = await tenant.Viewer.GetAsync(tenant.Path($"/services/{service.Id}"), TestContext.Current.CancellationToken);
        Assert.Equal(service, await read.ReadAsync<ServiceBody>());
    }

    [Fact]
    public async Task InvalidServiceNamesEveryBadField()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/services"), ServiceCalls.NewService(
            " ", durationMinutes: 0, price: new { amount = 10.125m, currency = "XYZ" }, description: new string('d', ServiceRules.MaxDescriptionLength + 1)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["description", "durationMinutes", "name", "price.amount", "price.currency"], problem.ErrorFields());
    }

    [Fact]
    public async Task UpdatingReplacesTheDetailsAndKeepsBookableWhenOmitted()
    {
        using var tenant = await api.NewTenantAsync();
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/services"),
            ServiceCalls.NewService("Cleaning", durationMinutes: 30, bookable: true, description: "Old"));
        var service = await created.ReadAsync<ServiceBody>(HttpStatusCode.Created);

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/services/{service.Id}"), new { name = "Deep cleaning" }, created.ETag());

        var updated = await response.ReadAsync<ServiceBody>();
        Assert.Equal(("Deep cleaning", (string?)null, (int?)null, true), (updated.Name, updated.Description, updated.DurationMinutes, updated.Bookable));
        Assert.Equal("\"v2\"", response.ETag());
    }

    [Fact]
    public async Task StaleETagGivesPreconditionFailedAndMissingIfMatchGivesPreconditionRequired()
    {
        using var tenant = await api.NewTenantAsync();
        var (service, etag, url) = await tenant.CreateServiceAsync("/services");
        (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, ServiceCalls.NewService("New name"), etag)).EnsureSuccessStatusCode();

        await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, ServiceCalls.NewService("Lost update"), etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, ServiceCalls.NewService("Blind")))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        Assert.Equal("New name", (await (await tenant.Viewer.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<ServiceBody>()).Name);
        Assert.Equal(service.Id, Assert.Single(await ListBusinessWideAsync(tenant)).Id);
    }

    [Fact]
    public async Task SwitchedOffBusinessServicesDisappearFromThePhone()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (whitening, _, _) = await tenant.CreateServiceAsync("/services", "Whitening");
        var (cleaning, _, _) = await tenant.CreateServiceAsync("/services", "cleaning");
        var (own, _, _) = await tenant.CreateServiceAsync($"/phone-numbers/{phone.Id}/services", "Implants");
        var (_, etag) = await tenant.GetSwitchedOffAsync(phone.Id);

        var switched = await tenant.PutSwitchedOffAsync(phone.Id, ServiceCalls.SwitchOff(whitening.Id), etag);

        Assert.Equal("\"v0\"", etag);
        Assert.Equal([whitening.Id], (await switched.ReadAsync<SwitchedOffResponse>()).BusinessServiceIds);
        Assert.Equal("\"v1\"", switched.ETag());
        var offered = await tenant.ListPhoneServicesAsync(phone.Id);
        Assert.Equal([(cleaning.Id, "business"), (own.Id, "phone")], offered.Items.Select(s => (s.Id, s.Source)));
        Assert.Equal([whitening.Id], offered.SwitchedOff);
        Assert.Equal([cleaning.Id, whitening.Id], (await ListBusinessWideAsync(tenant)).Select(s => s.Id));
    }

    [Fact]
    public async Task PhoneSpecificServiceIsNotVisibleOnAnotherPhone()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (other, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (business, _, _) = await tenant.CreateServiceAsync("/services", "Cleaning");
        var (own, etag, url) = await tenant.CreateServiceAsync($"/phone-numbers/{phone.Id}/services", "Implants");

        Assert.Equal(tenant.Path($"/phone-numbers/{phone.Id}/services/{own.Id}"), url);
        Assert.Equal((phone.Id, "phone"), (own.PhoneId, own.Source));
        Assert.Equal([business.Id], (await tenant.ListPhoneServicesAsync(other.Id)).Items.Select(s => s.Id));
        Assert.Equal([business.Id], (await ListBusinessWideAsync(tenant)).Select(s => s.Id));
        foreach (var elsewhere in new[] { tenant.Path($"/phone-numbers/{other.Id}/services/{own.Id}"), tenant.Path($"/services/{own.Id}") })
        {
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Get, elsewhere, null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, elsewhere, ServiceCalls.NewService("Moved"), etag))
                .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, elsewhere, null, etag)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        Assert.Equal("Implants", (await (await tenant.Viewer.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<ServiceBody>()).Name);
    }

    [Fact]
    public async Task ABusinessServiceIsNotFoundUnderAPhoneRoute()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (service, etag, _) = await tenant.CreateServiceAsync("/services");
        var url = tenant.Path($"/phone-numbers/{phone.Id}/services/{service.Id}");

        await (await tenant.Admin.SendJsonAsync(HttpMethod.Get, url, null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, etag)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Single(await ListBusinessWideAsync(tenant));
    }

    [Fact]
    public async Task SwitchingOffAnythingButBusinessServicesOfThisBusinessNamesEachBadEntry()
    {
        using var tenant = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (business, _, _) = await tenant.CreateServiceAsync("/services");
        var (own, _, _) = await tenant.CreateServiceAsync($"/phone-numbers/{phone.Id}/services");
        var (foreign, _, _) = await other.CreateServiceAsync("/services", "Secret service");

        var response = await tenant.PutSwitchedOffAsync(phone.Id,
            ServiceCalls.SwitchOff(Guid.NewGuid().ToString(), own.Id, business.Id, business.Id, foreign.Id, " "), "\"v0\"");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(
            ["businessServiceIds[0]", "businessServiceIds[1]", "businessServiceIds[3]", "businessServiceIds[4]", "businessServiceIds[5]"],
            problem.ErrorFields());
        Assert.DoesNotContain("Secret service", problem.ToString());
        Assert.Empty((await tenant.GetSwitchedOffAsync(phone.Id)).Ids);
    }

    [Fact]
    public async Task AStaleSwitchedOffListGivesPreconditionFailed()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (first, _, _) = await tenant.CreateServiceAsync("/services", "First");
        var (second, _, _) = await tenant.CreateServiceAsync("/services", "Second");
        (await tenant.PutSwitchedOffAsync(phone.Id, ServiceCalls.SwitchOff(first.Id), "\"v0\"")).EnsureSuccessStatusCode();

        var stale = await tenant.PutSwitchedOffAsync(phone.Id, ServiceCalls.SwitchOff(second.Id), "\"v0\"");
        var unconditional = await tenant.PutSwitchedOffAsync(phone.Id, ServiceCalls.SwitchOff(second.Id), null);

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await unconditional.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        var (ids, etag) = await tenant.GetSwitchedOffAsync(phone.Id);
        Assert.Equal([first.Id], ids);
        Assert.Equal("\"v1\"", etag);
    }

    [Fact]
    public async Task DeletingASwitchedOffBusinessServiceLeavesNoTraceOnThePhone()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (gone, goneETag, goneUrl) = await tenant.CreateServiceAsync("/services", "Gone");
        var (kept, _, _) = await tenant.CreateServiceAsync("/services", "Kept");
        (await tenant.PutSwitchedOffAsync(phone.Id, ServiceCalls.SwitchOff(gone.Id, kept.Id), "\"v0\"")).EnsureSuccessStatusCode();

        (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, goneUrl, null, goneETag)).EnsureSuccessStatusCode();

        var (ids, etag) = await tenant.GetSwitchedOffAsync(phone.Id);
        Assert.Equal([kept.Id], ids);
        Assert.Equal("\"v1\"", etag);
        var offered = await tenant.ListPhoneServicesAsync(phone.Id);
        Assert.Empty(offered.Items);
        Assert.Equal([kept.Id], offered.SwitchedOff);
        (await tenant.PutSwitchedOffAsync(phone.Id, ServiceCalls.SwitchOff(), etag)).EnsureSuccessStatusCode();
        Assert.Equal([kept.Id], (await tenant.ListPhoneServicesAsync(phone.Id)).Items.Select(s => s.Id));
    }

    [Fact]
    public async Task PhoneServiceRoutesOfAMissingOrForeignPhoneAreNotFound()
    {
        using var tenant = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (foreign, _) = await other.CreatePhoneAsync(Numbers.NextUs());
        var (own, etag, _) = await other.CreateServiceAsync($"/phone-numbers/{foreign.Id}/services");

        foreach (var phoneId in new[] { Guid.NewGuid().ToString(), foreign.Id })
        {
            var services = tenant.Path($"/phone-numbers/{phoneId}/services");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Get, services, null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Post, services, ServiceCalls.NewService())).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Get, services + "/switched-off", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.PutSwitchedOffAsync(phoneId, ServiceCalls.SwitchOff(), "\"v0\"")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, $"{services}/{own.Id}", ServiceCalls.NewService("Hijacked"), etag))
                .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        Assert.Equal([own.Id], (await other.ListPhoneServicesAsync(foreign.Id)).Items.Select(s => s.Id));
    }

    [Fact]
    public async Task TheAgentGetsTheSameServicesAsThePhoneWithTheirSource()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (off, _, _) = await tenant.CreateServiceAsync("/services", "Switched off");
        var (business, _, _) = await tenant.CreateServiceAsync("/services", "Cleaning");
        var (own, _, _) = await tenant.CreateServiceAsync($"/phone-numbers/{phone.Id}/services", "Aligners");
        (await tenant.PutSwitchedOffAsync(phone.Id, ServiceCalls.SwitchOff(off.Id), "\"v0\"")).EnsureSuccessStatusCode();

        var forAgent = (await tenant.GetAgentConfigAsync(phone.Id)).Services;

        Assert.Equal([(own.Id, ServiceSource.Phone), (business.Id, ServiceSource.Business)], forAgent.Select(s => (s.Id, s.Source)));
        Assert.Equal((await tenant.ListPhoneServicesAsync(phone.Id)).Items.Select(s => s.Id), forAgent.Select(s => s.Id));
    }

    [Theory]
    // Ids that break the id rule are refused before any endpoint runs (Http/RequestRules.cs).
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task AServiceIdThatWasNeverIssuedIsNotFound(string serviceId)
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        foreach (var url in new[] { tenant.Path($"/services/{serviceId}"), tenant.Path($"/phone-numbers/{phone.Id}/services/{serviceId}") })
        {
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Get, url, null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, ServiceCalls.NewService(), "\"v1\"")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, "\"v1\"")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task RetryingACreateWithTheSameIdempotencyKeyGivesTheFirstService()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/services");

        var first = await tenant.Admin.SendJsonAsync(HttpMethod.Post, url, ServiceCalls.NewService("Implants"), idempotencyKey: "create-implants");
        var retry = await tenant.Admin.SendJsonAsync(HttpMethod.Post, url, ServiceCalls.NewService("Implants"), idempotencyKey: "create-implants");

        var created = await first.ReadAsync<ServiceBody>(HttpStatusCode.Created);
        Assert.Equal(created, await retry.ReadAsync<ServiceBody>(HttpStatusCode.Created));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal([created.Id], (await tenant.ListPhoneServicesAsync(phone.Id)).Items.Select(s => s.Id));
    }

    private static async Task<IReadOnlyList<ServiceBody>> ListBusinessWideAsync(Tenant tenant) =>
        (await (await tenant.Viewer.GetAsync(tenant.Path("/services"), TestContext.Current.CancellationToken)).ReadAsync<ServiceListBody>()).Items;
}
