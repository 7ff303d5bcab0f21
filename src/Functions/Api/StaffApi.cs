using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Staff;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/staff</c>: the people who work for the business.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaff(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/staff").WithTags("Staff");
        group.MapGet("", ListAsync)
            .WithName("ListStaff")
            .WithSummary("List the business's staff members")
            .WithDescription("By name, then id. `active` filters on active.");
        group.MapPost("", CreateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithIdempotency<StaffInput>()
            .WithName("CreateStaffMember")
            .WithSummary("Add a staff member")
            .WithDescription("phone may be written in any common format; numbers without a country code are read with the "
                + "business's companyProfile.defaultCountry, and it is stored as E.164. active is true when omitted.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{staffId}", GetAsync)
            .WithName("GetStaffMember")
            .WithSummary("Read one staff member")
            .WithDescription("Name, contact details and whether the person is active; where they work is part of each phone's staff list.");
        group.MapPut("/{staffId}", UpdateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("UpdateStaffMember")
            .WithSummary("Replace a staff member's details")
            .WithDescription("Omitted email and phone are removed; active keeps its value when omitted.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{staffId}", DeleteAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("DeleteStaffMember")
            .WithSummary("Remove a staff member")
            .WithDescription("Also takes them off every phone's staff list.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<StaffList>, ProblemHttpResult>> ListAsync(
        string businessId, bool? active, StaffService staff, CancellationToken ct)
    {
        var result = await staff.ListAsync(businessId, active, ct);
        return result.IsOk
            ? TypedResults.Ok(new StaffList(result.Value.Select(member => member.ToResponse()).ToList()))
            : result.Problem.ToHttp();
    }

    private static async Task<Results<Created<StaffResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, StaffInput input, StaffService staff, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var result = await staff.CreateAsync(businessId, input, ct);
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Created($"{request.PathBase}{request.Path}/{result.Value.Id}", result.Value.ToResponse());
    }

    private static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string staffId, StaffService staff, HttpResponse response, CancellationToken ct) =>
        Respond(await staff.GetAsync(businessId, staffId, ct), response);

    private static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> UpdateAsync(
        string businessId,
        string staffId,
        StaffInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        StaffService staff,
        HttpResponse response,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await staff.UpdateAsync(businessId, staffId, input, ifMatch, ct), response);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId,
        string staffId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        StaffService staff,
        CancellationToken ct)
    {
        if (ifMatch is null)
        {
            return Problem.PreconditionRequired().ToHttp();
        }
        var result = await staff.DeleteAsync(businessId, staffId, ifMatch, ct);
        return result.IsOk ? TypedResults.NoContent() : result.Problem.ToHttp();
    }

    private static Results<Ok<StaffResponse>, ProblemHttpResult> Respond(Result<StaffMember> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(result.Value.ToResponse());
    }
}

public sealed record StaffList(IReadOnlyList<StaffResponse> Items);
