using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Routes;
using MultiPhone.Staff;
using static MultiPhone.IntegrationTests.Infrastructure.FaultInjector;

namespace MultiPhone.IntegrationTests;

public sealed class StaffApiTests(ApiFactory api, FaultyApiFactory faulty) : IClassFixture<FaultyApiFactory>
{
    [Fact]
    public async Task CreatingStaffReadsTheirPhoneWithTheBusinessCountryAndStoresE164()
    {
        using var tenant = await api.NewTenantAsync(defaultCountry: "US");

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/staff"),
            StaffCalls.NewStaff("  Dana Reyes ", email: "dana@example.com", phone: "(415) 555-0134"));

        var member = await response.ReadAsync<StaffResponse>(HttpStatusCode.Created);
        Assert.Equal(("Dana Reyes", "dana@example.com", "+14155550134", true), (member.Name, member.Email, member.Phone, member.Active));
        Assert.Equal(tenant.Path($"/staff/{member.Id}"), response.Headers.Location?.ToString());
        Assert.Equal("\"v1\"", response.ETag());
        var read = await tenant.Viewer.GetAsync(tenant.Path($"/staff/{member.Id}"), TestContext.Current.CancellationToken);
        Assert.Equal(member, await read.ReadAsync<StaffResponse>());
        Assert.Equal("\"v1\"", read.ETag());
    }

    [Fact]
    public async Task InvalidStaffNamesEveryBadField()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/staff"),
            StaffCalls.NewStaff(new string('n', StaffRules.MaxNameLength + 1), email: "not an email", phone: "12"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["email", "name", "phone"], problem.ErrorFields());
    }

    [Fact]
    public async Task StaffAreListedByNameThenIdAndFilteredOnActive()
    {
        using var tenant = await api.NewTenantAsync();
        var (zoe, _) = await tenant.CreateStaffAsync("Zoe");
        var (adam, _) = await tenant.CreateStaffAsync("adam", active: false);
        var (maria, _) = await tenant.CreateStaffAsync("Maria");

        Assert.Equal([adam.Id, maria.Id, zoe.Id], await ListIdsAsync(tenant, ""));
        Assert.Equal([maria.Id, zoe.Id], await ListIdsAsync(tenant, "?active=true"));
        Assert.Equal([adam.Id], await ListIdsAsync(tenant, "?active=false"));
    }

    [Fact]
    public async Task UpdatingReplacesTheDetailsAndKeepsActiveWhenOmitted()
    {
        using var tenant = await api.NewTenantAsync();
        var (member, etag) = await tenant.CreateStaffAsync("Dana", phone: "+14155550134", active: false, email: "dana@example.com");

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/staff/{member.Id}"), new { name = "Dana R." }, etag);

        var updated = await response.ReadAsync<StaffResponse>();
        Assert.Equal(("Dana R.", (string?)null, (string?)null, false), (updated.Name, updated.Email, updated.Phone, updated.Active));
        Assert.Equal("\"v2\"", response.ETag());
    }

    [Fact]
    public async Task StaleETagGivesPreconditionFailedAndMissingIfMatchGivesPreconditionRequired()
    {
        using var tenant = await api.NewTenantAsync();
        var (member, etag) = await tenant.CreateStaffAsync("Dana");
        var url = tenant.Path($"/staff/{member.Id}");
        (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, StaffCalls.NewStaff("New name"), etag)).EnsureSuccessStatusCode();

        await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, StaffCalls.NewStaff("Lost update"), etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, StaffCalls.NewStaff("Blind")))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null))
            .AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        Assert.Equal("New name", (await (await tenant.Viewer.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<StaffResponse>()).Name);
    }

    [Fact]
    public async Task APhoneWithoutAssignmentsHasAnEmptyListAtVersionZeroWhichCreatesIt()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (member, _) = await tenant.CreateStaffAsync("Dana");

        var (empty, etag) = await tenant.GetPhoneStaffAsync(phone.Id);
        var first = await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(StaffCalls.Assign(member.Id, "Hygienist")), etag);
        var second = await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(), etag);

        Assert.Equal((phone.Id, 0, "\"v0\""), (empty.PhoneId, empty.Assignments.Count, etag));
        var assigned = await first.ReadAsync<PhoneStaffResponse>();
        Assert.Equal([new AssignedStaff(member.Id, "Dana", "Hygienist", false, true)], assigned.Assignments);
        Assert.Equal("\"v1\"", first.ETag());
        await second.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal(assigned.Assignments, (await tenant.GetPhoneStaffAsync(phone.Id)).Staff.Assignments);
    }

    [Fact]
    public async Task AssignmentsShowTheStaffMembersCurrentNameAndActiveFlag()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (member, memberETag) = await tenant.CreateStaffAsync("Dana");
        (await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(StaffCalls.Assign(member.Id, acceptsTransfers: true)), "\"v0\""))
            .EnsureSuccessStatusCode();

        (await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/staff/{member.Id}"), StaffCalls.NewStaff("Dana R.", active: false), memberETag))
            .EnsureSuccessStatusCode();

        var (staff, etag) = await tenant.GetPhoneStaffAsync(phone.Id);
        Assert.Equal([new AssignedStaff(member.Id, "Dana R.", null, true, false)], staff.Assignments);
        Assert.Equal("\"v1\"", etag);
    }

    [Fact]
    public async Task AssigningStaffOfAnotherBusinessIsRefused()
    {
        using var tenant = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (mine, _) = await tenant.CreateStaffAsync("Dana");
        var (theirs, _) = await other.CreateStaffAsync("Secret Agent");

        var foreign = await tenant.PutPhoneStaffAsync(phone.Id,
            StaffCalls.Assignments(StaffCalls.Assign(mine.Id), StaffCalls.Assign(theirs.Id)), "\"v0\"");
        var unknown = await tenant.PutPhoneStaffAsync(phone.Id,
            StaffCalls.Assignments(StaffCalls.Assign(mine.Id), StaffCalls.Assign(Guid.NewGuid().ToString())), "\"v0\"");

        var foreignProblem = await foreign.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["assignments[1].staffId"], foreignProblem.ErrorFields());
        // Another business's staff id is refused exactly like an id that exists nowhere.
        Assert.Equal(unknownProblem.GetProperty("errors").ToString(), foreignProblem.GetProperty("errors").ToString());
        Assert.DoesNotContain("Secret Agent", foreignProblem.ToString());
        Assert.DoesNotContain(other.BusinessId, foreignProblem.ToString());
        Assert.Empty((await tenant.GetPhoneStaffAsync(phone.Id)).Staff.Assignments);
    }

    [Fact]
    public async Task InvalidAssignmentsNameEveryBadEntry()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (dana, _) = await tenant.CreateStaffAsync("Dana");
        var (sam, _) = await tenant.CreateStaffAsync("Sam");

        var response = await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(
            StaffCalls.Assign(dana.Id),
            StaffCalls.Assign(dana.Id),
            new { role = "Receptionist" },
            StaffCalls.Assign(sam.Id, new string('r', StaffRules.MaxRoleLength + 1))), "\"v0\"");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["assignments[1].staffId", "assignments[2].staffId", "assignments[3].role"], problem.ErrorFields());
    }

    [Fact]
    public async Task DeletingStaffRemovesTheirAssignments()
    {
        using var tenant = await api.NewTenantAsync();
        var (first, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (second, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (leaving, leavingETag) = await tenant.CreateStaffAsync("Leaving");
        var (staying, _) = await tenant.CreateStaffAsync("Staying");
        foreach (var phone in new[] { first, second })
        {
            (await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(StaffCalls.Assign(leaving.Id), StaffCalls.Assign(staying.Id)), "\"v0\""))
                .EnsureSuccessStatusCode();
        }

        var deleted = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/staff/{leaving.Id}"), null, leavingETag);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        foreach (var phone in new[] { first, second })
        {
            var (staff, etag) = await tenant.GetPhoneStaffAsync(phone.Id);
            Assert.Equal([staying.Id], staff.Assignments.Select(a => a.StaffId));
            Assert.Equal("\"v2\"", etag);
        }
        await (await tenant.Viewer.GetAsync(tenant.Path($"/staff/{leaving.Id}"), TestContext.Current.CancellationToken))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task AnInterruptedCleanupLeavesAssignmentsThatReadsIgnore()
    {
        using var tenant = await faulty.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (leaving, leavingETag) = await tenant.CreateStaffAsync("Leaving", phone: "+14155550100");
        var (staying, _) = await tenant.CreateStaffAsync("Staying", phone: "+14155550101");
        (await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(
            StaffCalls.Assign(leaving.Id, acceptsTransfers: true), StaffCalls.Assign(staying.Id, acceptsTransfers: true)), "\"v0\""))
            .EnsureSuccessStatusCode();

        HttpResponseMessage deleted;
        using (faulty.Faults.Fail(Replaces(StaffStore.AssignmentsDefinition.Name)))
        {
            deleted = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/staff/{leaving.Id}"), null, leavingETag);
        }

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (staff, etag) = await tenant.GetPhoneStaffAsync(phone.Id);
        Assert.Equal("\"v1\"", etag);
        Assert.Equal([staying.Id], staff.Assignments.Select(a => a.StaffId));
        var targets = (await tenant.GetAgentConfigAsync(phone.Id)).TransferStaff;
        Assert.Equal([staying.Id], targets.Select(t => t.StaffId));
        (await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(StaffCalls.Assign(staying.Id)), etag)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task TransferTargetsAreTheActiveAssignedStaffWhoAcceptTransfersAndHaveAPhone()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (other, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var (second, _) = await tenant.CreateStaffAsync("Second", phone: "(415) 555-0102");
        var (first, _) = await tenant.CreateStaffAsync("First", phone: "+14155550101");
        var (inactive, _) = await tenant.CreateStaffAsync("Inactive", phone: "+14155550103", active: false);
        var (noPhone, _) = await tenant.CreateStaffAsync("No phone");
        var (declines, _) = await tenant.CreateStaffAsync("Declines", phone: "+14155550104");
        (await tenant.PutPhoneStaffAsync(phone.Id, StaffCalls.Assignments(
            StaffCalls.Assign(second.Id, "Dentist", acceptsTransfers: true),
            StaffCalls.Assign(inactive.Id, acceptsTransfers: true),
            StaffCalls.Assign(noPhone.Id, acceptsTransfers: true),
            StaffCalls.Assign(declines.Id, acceptsTransfers: false),
            StaffCalls.Assign(first.Id, acceptsTransfers: true)), "\"v0\"")).EnsureSuccessStatusCode();

        var targets = (await tenant.GetAgentConfigAsync(phone.Id)).TransferStaff;
        var none = (await tenant.GetAgentConfigAsync(other.Id)).TransferStaff;

        Assert.Equal(
            [new TransferTarget(second.Id, "Second", "+14155550102", "Dentist"), new TransferTarget(first.Id, "First", "+14155550101", null)],
            targets);
        Assert.Empty(none);
    }

    [Fact]
    public async Task PhoneStaffOfAMissingOrForeignPhoneIsNotFound()
    {
        using var tenant = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var (foreign, _) = await other.CreatePhoneAsync(Numbers.NextUs());
        var (member, _) = await tenant.CreateStaffAsync();

        foreach (var phoneId in new[] { Guid.NewGuid().ToString(), foreign.Id })
        {
            await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/staff"), TestContext.Current.CancellationToken))
                .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
            await (await tenant.PutPhoneStaffAsync(phoneId, StaffCalls.Assignments(StaffCalls.Assign(member.Id)), "\"v0\""))
                .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        Assert.Empty((await other.GetPhoneStaffAsync(foreign.Id)).Staff.Assignments);
    }

    [Fact]
    public async Task AStaffMemberOfAnotherBusinessIsNotFoundUnderYourOwnBusiness()
    {
        using var victim = await api.NewTenantAsync();
        using var intruder = await api.NewTenantAsync();
        var (member, etag) = await victim.CreateStaffAsync("Dana");
        var url = intruder.Path($"/staff/{member.Id}");

        await (await intruder.Admin.SendJsonAsync(HttpMethod.Get, url, null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await intruder.Admin.SendJsonAsync(HttpMethod.Put, url, StaffCalls.NewStaff("Hijacked"), etag))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await intruder.Admin.SendJsonAsync(HttpMethod.Delete, url, null, etag)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Empty(await ListIdsAsync(intruder, ""));
        Assert.Equal([member.Id], await ListIdsAsync(victim, ""));
    }

    [Theory]
    // Ids that break the id rule are refused before any endpoint runs (Http/RequestRules.cs).
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task AStaffIdThatWasNeverIssuedIsNotFound(string staffId)
    {
        using var tenant = await api.NewTenantAsync();
        var url = tenant.Path($"/staff/{staffId}");

        await (await tenant.Admin.SendJsonAsync(HttpMethod.Get, url, null)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, StaffCalls.NewStaff(), "\"v1\"")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, "\"v1\"")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task RetryingACreateWithTheSameIdempotencyKeyGivesTheFirstStaffMember()
    {
        using var tenant = await api.NewTenantAsync();

        var first = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/staff"), StaffCalls.NewStaff("Dana"), idempotencyKey: "create-dana");
        var retry = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/staff"), StaffCalls.NewStaff("Dana"), idempotencyKey: "create-dana");

        var created = await first.ReadAsync<StaffResponse>(HttpStatusCode.Created);
        Assert.Equal(created, await retry.ReadAsync<StaffResponse>(HttpStatusCode.Created));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal([created.Id], await ListIdsAsync(tenant, ""));
    }

    private static async Task<IEnumerable<string>> ListIdsAsync(Tenant tenant, string query) =>
        (await (await tenant.Viewer.GetAsync(tenant.Path("/staff" + query), TestContext.Current.CancellationToken))
            .ReadAsync<MultiPhone.Functions.Api.StaffList>()).Items.Select(s => s.Id);
}
