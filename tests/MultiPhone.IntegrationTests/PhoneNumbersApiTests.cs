using System.Net;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.IntegrationTests;

public sealed class PhoneNumbersApiTests(ApiFactory api)
{
    [Fact]
    public async Task FirstPhoneBecomesPrimaryAndLaterOnesDoNot()
    {
        using var tenant = await api.NewTenantAsync();

        var (first, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Zeta");
        var (second, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Alpha");

        Assert.True(first.IsPrimary);
        Assert.False(second.IsPrimary);
        var list = await tenant.ListPhonesAsync();
        Assert.Equal([first.Id, second.Id], list.Select(p => p.Id));
    }

    [Fact]
    public async Task LocalFormatIsReadWithTheBusinessCountryAndStoredAsE164()
    {
        using var tenant = await api.NewTenantAsync(defaultCountry: "GB");

        var response = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextLondon(), timezone: "Europe/London"));

        var phone = await response.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created);
        Assert.Matches(@"^\+44207946\d{4}$", phone.PhoneNumber);
        Assert.Equal(response.Headers.Location?.ToString(), tenant.Path($"/phone-numbers/{phone.Id}"));
        Assert.Equivalent(phone, (await tenant.GetPhoneAsync(phone.Id)).Phone, strict: true);
    }

    [Fact]
    public async Task PostingWithEveryFieldWrongNamesEveryField()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.PostPhoneAsync(new
        {
            phoneNumber = "12",
            displayName = new string('x', 101),
            timezone = "Mars/Olympus_Mons",
            address = new { line2 = "somewhere", country = "XX" },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["address.country", "address.line1", "displayName", "phoneNumber", "timezone"], problem.ErrorFields());
    }

    [Fact]
    public async Task PostingTakenNumberReturnsConflict()
    {
        using var owner = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var number = Numbers.NextUs();
        await owner.CreatePhoneAsync(number);

        var sameBusiness = await owner.PostPhoneAsync(PhoneCalls.NewPhone(number));
        var otherBusiness = await other.PostPhoneAsync(PhoneCalls.NewPhone(number));

        await sameBusiness.AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-taken");
        var problem = await otherBusiness.AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-taken");
        Assert.DoesNotContain(owner.BusinessId, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ActiveFilterAndOrderingPutPrimaryFirstThenDisplayName()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Zulu");
        var (charlie, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "charlie");
        var bravo = await (await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs(), "Bravo", isActive: false)))
            .ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created);

        Assert.Equal([primary.Id, bravo.Id, charlie.Id], (await tenant.ListPhonesAsync()).Select(p => p.Id));
        Assert.Equal([primary.Id, charlie.Id], (await tenant.ListPhonesAsync("?active=true")).Select(p => p.Id));
        Assert.Equal([bravo.Id], (await tenant.ListPhonesAsync("?active=false")).Select(p => p.Id));
    }

    [Fact]
    public async Task PromotingAPhoneDemotesTheOldPrimary()
    {
        using var tenant = await api.NewTenantAsync();
        var (first, firstETag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "First");
        var (second, secondETag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Second");

        var promoted = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{second.Id}"),
            PhoneCalls.NewPhone(second.PhoneNumber, "Second", isPrimary: true), secondETag);

        Assert.True((await promoted.ReadAsync<PhoneNumberResponse>()).IsPrimary);
        var (demoted, demotedETag) = await tenant.GetPhoneAsync(first.Id);
        Assert.False(demoted.IsPrimary);
        Assert.NotEqual(firstETag, demotedETag);
        Assert.Equal([second.Id, first.Id], (await tenant.ListPhonesAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task ChangingThePhoneNumberIsRefusedNamingTheField()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}"),
            PhoneCalls.NewPhone(Numbers.NextUs()), etag);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["phoneNumber"], problem.ErrorFields());
    }

    [Fact]
    public async Task UpdatingWithTheNumberInAnotherFormatOrWithoutItSucceeds()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var national = $"({phone.PhoneNumber[2..5]}) {phone.PhoneNumber[5..8]}-{phone.PhoneNumber[8..]}";

        var renamed = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}"),
            PhoneCalls.NewPhone(national, "Renamed", "America/Chicago"), etag);
        var updated = await renamed.ReadAsync<PhoneNumberResponse>();
        var again = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phone.Id}"),
            new { displayName = "Renamed again", timezone = "America/Chicago" }, renamed.ETag());

        Assert.Equal(("Renamed", "America/Chicago", phone.PhoneNumber), (updated.DisplayName, updated.Timezone, updated.PhoneNumber));
        Assert.Equal("Renamed again", (await again.ReadAsync<PhoneNumberResponse>()).DisplayName);
    }

    [Fact]
    public async Task StaleETagGivesPreconditionFailedAndMissingIfMatchGivesPreconditionRequired()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}");
        (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, PhoneCalls.NewPhone(phone.PhoneNumber, "New name"), etag)).EnsureSuccessStatusCode();

        var stalePut = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, PhoneCalls.NewPhone(phone.PhoneNumber, "Lost update"), etag);
        var staleDelete = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, etag);
        var unconditionalPut = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, PhoneCalls.NewPhone(phone.PhoneNumber, "Blind"));
        var unconditionalDelete = await tenant.Admin.DeleteAsync(url, TestContext.Current.CancellationToken);

        await stalePut.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await staleDelete.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await unconditionalPut.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        await unconditionalDelete.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        Assert.Equal("New name", (await tenant.GetPhoneAsync(phone.Id)).Phone.DisplayName);
    }

    [Fact]
    public async Task PrimaryCannotBeDeletedDeactivatedOrDemotedWhileOtherPhonesExist()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{primary.Id}");

        var delete = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, etag);
        var deactivate = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, PhoneCalls.NewPhone(primary.PhoneNumber, isActive: false), etag);
        var demote = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, PhoneCalls.NewPhone(primary.PhoneNumber, isPrimary: false), etag);

        foreach (var response in new[] { delete, deactivate, demote })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "primary-required");
            Assert.Contains("primary", problem.GetProperty("detail").GetString());
        }
        Assert.True((await tenant.GetPhoneAsync(primary.Id)).Phone.IsPrimary);
    }

    [Fact]
    public async Task DeletingTheLastPhoneLeavesNoPrimaryAndFreesTheNumber()
    {
        using var tenant = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var deleted = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{phone.Id}"), null, etag);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await tenant.ListPhonesAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}"), TestContext.Current.CancellationToken)).StatusCode);
        var (taken, _) = await other.CreatePhoneAsync(phone.PhoneNumber);
        Assert.True(taken.IsPrimary);
        var (next, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        Assert.True(next.IsPrimary);
    }

    [Fact]
    public async Task DeletingANonPrimaryPhoneKeepsThePrimary()
    {
        using var tenant = await api.NewTenantAsync();
        var (primary, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (other, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{other.Id}"), null, etag)).EnsureSuccessStatusCode();

        var remaining = Assert.Single(await tenant.ListPhonesAsync());
        Assert.Equal((primary.Id, true), (remaining.Id, remaining.IsPrimary));
    }

    [Fact]
    public async Task AnInactivePhoneCannotBePromoted()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreatePhoneAsync(Numbers.NextUs());
        var created = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs(), isActive: false));
        var inactive = await created.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created);

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{inactive.Id}"),
            new { displayName = "x", timezone = "UTC", isPrimary = true }, created.ETag());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["isPrimary"], problem.ErrorFields());
    }
}
