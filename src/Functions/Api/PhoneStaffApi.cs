using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Staff;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/staff</c>: who works at one phone (location).</summary>
public static class PhoneStaffApi
{
    public static RouteGroupBuilder MapPhoneStaff(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/phone-numbers/{phoneId}/staff").WithTags("Staff");
        group.MapGet("", GetAsync)
            .WithName("GetPhoneStaff")
            .WithSummary("Read who works at a phone")
            .WithDescription("Each assignment with the staff member's current name and active flag. The ETag is \"v0\" while the "
                + "phone has never had a list.");
        group.MapPut("", ReplaceAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("ReplacePhoneStaff")
            .WithSummary("Replace who works at a phone")
            .WithDescription("Replaces the whole list. Every staffId must be a staff member of this business, at most once. "
                + "If-Match \"v0\" sets the first list.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<PhoneStaffResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string phoneId, PhoneStaffService assignments, HttpResponse response, CancellationToken ct) =>
        Respond(await assignments.GetAsync(businessId, phoneId, ct), response);

    private static async Task<Results<Ok<PhoneStaffResponse>, ProblemHttpResult>> ReplaceAsync(
        string businessId,
        string phoneId,
        PhoneStaffInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        PhoneStaffService assignments,
        HttpResponse response,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await assignments.ReplaceAsync(businessId, phoneId, input, ifMatch, ct), response);

    private static Results<Ok<PhoneStaffResponse>, ProblemHttpResult> Respond(Result<PhoneStaffView> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(result.Value.ToResponse());
    }
}
