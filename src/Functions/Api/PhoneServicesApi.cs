using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Services;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services</c>: what one phone (location) offers, its own
/// services, and which business-wide services it switches off.
/// </summary>
public static class PhoneServicesApi
{
    public static RouteGroupBuilder MapPhoneServices(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/phone-numbers/{phoneId}/services").WithTags("Services");
        group.MapGet("", ListAsync)
            .WithName("ListPhoneServices")
            .WithSummary("List what a phone offers")
            .WithDescription("The business-wide services the phone has not switched off and the phone's own, by name; source says "
                + "which is which. switchedOff lists the business-wide services it does not offer.");
        group.MapPost("", CreateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithIdempotency<ServiceInput>()
            .WithName("CreatePhoneService")
            .WithSummary("Add a service offered only at this phone")
            .WithDescription("bookable is false when omitted.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/switched-off", GetSwitchedOffAsync)
            .WithName("GetSwitchedOffServices")
            .WithSummary("Read which business-wide services a phone does not offer")
            .WithDescription("The ETag is \"v0\" while the phone has never switched any off.");
        group.MapPut("/switched-off", ReplaceSwitchedOffAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("ReplaceSwitchedOffServices")
            .WithSummary("Replace which business-wide services a phone does not offer")
            .WithDescription("Replaces the whole list; every id must be a business-wide service of this business, at most once. "
                + "If-Match \"v0\" sets the first list.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapGet("/{serviceId}", GetAsync)
            .WithName("GetPhoneService")
            .WithSummary("Read one of the phone's own services")
            .WithDescription("A service only this location offers; business-wide services are read at /services.");
        group.MapPut("/{serviceId}", UpdateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("UpdatePhoneService")
            .WithSummary("Replace one of the phone's own services")
            .WithDescription("Omitted optional fields are removed; bookable keeps its value when omitted.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{serviceId}", DeleteAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("DeletePhoneService")
            .WithSummary("Remove one of the phone's own services")
            .WithDescription("Needs If-Match. Business-wide services are switched off for a location instead (services/switched-off).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<PhoneServicesResponse>, ProblemHttpResult>> ListAsync(
        string businessId, string phoneId, ServiceCatalog services, CancellationToken ct)
    {
        var result = await services.ListForPhoneAsync(businessId, phoneId, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : result.Problem.ToHttp();
    }

    private static async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> CreateAsync(
        string businessId,
        string phoneId,
        ServiceInput input,
        ServiceCatalog services,
        HttpRequest request,
        HttpResponse response,
        CancellationToken ct) =>
        ServicesApi.Created(await services.CreateAsync(businessId, phoneId, input, ct), request, response);

    private static async Task<Results<Ok<SwitchedOffResponse>, ProblemHttpResult>> GetSwitchedOffAsync(
        string businessId, string phoneId, SwitchedOffServices switchedOff, HttpResponse response, CancellationToken ct) =>
        Respond(await switchedOff.GetAsync(businessId, phoneId, ct), response);

    private static async Task<Results<Ok<SwitchedOffResponse>, ProblemHttpResult>> ReplaceSwitchedOffAsync(
        string businessId,
        string phoneId,
        SwitchedOffInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        SwitchedOffServices switchedOff,
        HttpResponse response,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await switchedOff.ReplaceAsync(businessId, phoneId, input, ifMatch, ct), response);

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string phoneId, string serviceId, ServiceCatalog services, HttpResponse response, CancellationToken ct) =>
        ServicesApi.Respond(await services.GetAsync(businessId, phoneId, serviceId, ct), response);

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> UpdateAsync(
        string businessId,
        string phoneId,
        string serviceId,
        ServiceInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ServiceCatalog services,
        HttpResponse response,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : ServicesApi.Respond(await services.UpdateAsync(businessId, phoneId, serviceId, input, ifMatch, ct), response);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId,
        string phoneId,
        string serviceId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ServiceCatalog services,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : ServicesApi.Deleted(await services.DeleteAsync(businessId, phoneId, serviceId, ifMatch, ct));

    private static Results<Ok<SwitchedOffResponse>, ProblemHttpResult> Respond(Result<SwitchedOffView> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(result.Value.ToResponse());
    }
}
