using Microsoft.AspNetCore.Mvc;
using MultiPhone.Staff;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/staff</c>: who works at one phone (location).</summary>
public static class PhoneStaffApi
{
    private static readonly ResourceResults<PhoneStaffView, PhoneStaffResponse> Assigned = new(view => view.ETag, view => view.ToResponse());

    public static RouteGroupBuilder MapPhoneStaff(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/phone-numbers/{phoneId}/staff").WithTags("Staff");
        group.MapGet("", GetAsync)
            .Describe("GetPhoneStaff", "Read who works at a phone",
                "Each assignment with the staff member's current name and active flag. The ETag is \"v0\" while the "
                + "phone has never had a list.");
        group.MapPut("", ReplaceAsync)
            .Replaces()
            .Describe("ReplacePhoneStaff", "Replace who works at a phone",
                "Replaces the whole list. Every staffId must be a staff member of this business, at most once. "
                + "If-Match \"v0\" sets the first list.");
        return business;
    }

    private static async Task<Results<Ok<PhoneStaffResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string phoneId, PhoneStaffService assignments, HttpResponse response, CancellationToken ct) =>
        Assigned.Ok(await assignments.GetAsync(businessId, phoneId, ct), response);

    private static Task<Results<Ok<PhoneStaffResponse>, ProblemHttpResult>> ReplaceAsync(string businessId, string phoneId, PhoneStaffInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch, PhoneStaffService assignments, HttpResponse response, CancellationToken ct) =>
        Assigned.ChangeAsync(ifMatch, response, match => assignments.ReplaceAsync(businessId, phoneId, input, match, ct));
}
