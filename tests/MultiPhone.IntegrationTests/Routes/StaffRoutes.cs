using System.Net;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Staff;

namespace MultiPhone.IntegrationTests.Routes;

public static class StaffRoutes
{
    private const string Business = "/api/v2/businesses/{businessId}";
    private const string Staff = Business + "/staff";
    private const string Member = Staff + "/{staffId}";
    private const string PhoneStaff = Business + "/phone-numbers/{phoneId}/staff";

    public static IEnumerable<RouteCase> All =>
    [
        new("GET", Staff, BusinessRole.Viewer, async t => new(t.Path("/staff"), null, null, t.Path("/staff"))),
        new("POST", Staff, BusinessRole.Admin, async t => new(t.Path("/staff"), StaffCalls.NewStaff(), null, t.Path("/staff"))),
        new("GET", Member, BusinessRole.Viewer, async t => MemberTarget(t, await t.CreateStaffAsync(), withBody: false)),
        new("PUT", Member, BusinessRole.Admin, async t => MemberTarget(t, await t.CreateStaffAsync(), withBody: true)),
        new("DELETE", Member, BusinessRole.Admin, async t => MemberTarget(t, await t.CreateStaffAsync(), withBody: false)),
        new("GET", PhoneStaff, BusinessRole.Viewer, async t =>
        {
            var url = t.Path($"/phone-numbers/{(await t.CreatePhoneAsync(Numbers.NextUs())).Phone.Id}/staff");
            return new(url, null, null, url);
        }),
        new("PUT", PhoneStaff, BusinessRole.Admin, async t =>
        {
            var (phone, _) = await t.CreatePhoneAsync(Numbers.NextUs());
            var (member, _) = await t.CreateStaffAsync();
            var url = t.Path($"/phone-numbers/{phone.Id}/staff");
            return new(url, StaffCalls.Assignments(StaffCalls.Assign(member.Id)), await BusinessRoutes.CurrentETagAsync(t, url), url);
        }),
    ];

    private static RouteTarget MemberTarget(Tenant tenant, (StaffResponse Staff, string ETag) created, bool withBody)
    {
        var url = tenant.Path($"/staff/{created.Staff.Id}");
        return new(url, withBody ? StaffCalls.NewStaff("Renamed") : null, created.ETag, url);
    }
}

/// <summary>Staff calls the tests make over and over.</summary>
public static class StaffCalls
{
    public static object NewStaff(string name = "Dana Reyes", string? email = null, string? phone = null, bool? active = null) =>
        new { name, email, phone, active };

    public static object Assign(string staffId, string? role = null, bool? acceptsTransfers = null) => new { staffId, role, acceptsTransfers };

    public static object Assignments(params object[] assignments) => new { assignments };

    public static async Task<(StaffResponse Staff, string ETag)> CreateStaffAsync(
        this Tenant tenant, string name = "Dana Reyes", string? phone = null, bool? active = null, string? email = null)
    {
        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/staff"), NewStaff(name, email, phone, active));
        return (await response.ReadAsync<StaffResponse>(HttpStatusCode.Created), response.ETag());
    }

    public static async Task<(PhoneStaffResponse Staff, string ETag)> GetPhoneStaffAsync(this Tenant tenant, string phoneId)
    {
        var response = await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phoneId}/staff"), TestContext.Current.CancellationToken);
        return (await response.ReadAsync<PhoneStaffResponse>(), response.ETag());
    }

    public static Task<HttpResponseMessage> PutPhoneStaffAsync(this Tenant tenant, string phoneId, object body, string? etag) =>
        tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phoneId}/staff"), body, etag);
}
