using Microsoft.AspNetCore.Mvc;
using MultiPhone.Staff;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/staff</c>: the people who work for the business.</summary>
public static class StaffApi
{
    private static readonly ResourceResults<StaffMember, StaffResponse> Member = new(member => member.ETag, member => member.ToResponse());

    public static RouteGroupBuilder MapStaff(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/staff").WithTags("Staff");
        group.MapGet("", ListAsync)
            .Describe("ListStaff", "List the business's staff members", "By name, then id. `active` filters on active.");
        group.MapPost("", CreateAsync)
            .Creates<StaffInput>()
            .Describe("CreateStaffMember", "Add a staff member",
                "phone may be written in any common format; numbers without a country code are read with the "
                + "business's companyProfile.defaultCountry, and it is stored as E.164. active is true when omitted.");
        group.MapGet("/{staffId}", GetAsync)
            .Describe("GetStaffMember", "Read one staff member",
                "Name, contact details and whether the person is active; where they work is part of each phone's staff list.");
        group.MapPut("/{staffId}", UpdateAsync)
            .Replaces()
            .Describe("UpdateStaffMember", "Replace a staff member's details",
                "Omitted email and phone are removed; active keeps its value when omitted.");
        group.MapDelete("/{staffId}", DeleteAsync)
            .Deletes()
            .Describe("DeleteStaffMember", "Remove a staff member", "Also takes them off every phone's staff list.");
        return business;
    }

    private static async Task<Results<Ok<StaffList>, ProblemHttpResult>> ListAsync(
        string businessId, bool? active, StaffService staff, CancellationToken ct) =>
        Member.List(await staff.ListAsync(businessId, active, ct), items => new StaffList(items));

    private static async Task<Results<Created<StaffResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, StaffInput input, StaffService staff, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        Member.Created(await staff.CreateAsync(businessId, input, ct), response, member => $"{request.PathBase}{request.Path}/{member.Id}");

    private static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string staffId, StaffService staff, HttpResponse response, CancellationToken ct) =>
        Member.Ok(await staff.GetAsync(businessId, staffId, ct), response);

    private static Task<Results<Ok<StaffResponse>, ProblemHttpResult>> UpdateAsync(string businessId, string staffId, StaffInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch, StaffService staff, HttpResponse response, CancellationToken ct) =>
        Member.ChangeAsync(ifMatch, response, match => staff.UpdateAsync(businessId, staffId, input, match, ct));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId, string staffId, [FromHeader(Name = "If-Match")] string? ifMatch, StaffService staff, CancellationToken ct) =>
        ResourceResults.DeleteAsync(ifMatch, match => staff.DeleteAsync(businessId, staffId, match, ct));
}

public sealed record StaffList(IReadOnlyList<StaffResponse> Items);
