using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Services;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/services</c>: what the business offers at every phone.</summary>
public static class ServicesApi
{
    public static RouteGroupBuilder MapServices(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/services").WithTags("Services");
        group.MapGet("", ListAsync)
            .WithName("ListServices")
            .WithSummary("List the business-wide services")
            .WithDescription("By name, then id. A phone's own services are listed under the phone.");
        group.MapPost("", CreateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithIdempotency<ServiceInput>()
            .WithName("CreateService")
            .WithSummary("Add a business-wide service")
            .WithDescription("Offered at every phone that does not switch it off. bookable is false when omitted.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{serviceId}", GetAsync)
            .WithName("GetService")
            .WithSummary("Read one business-wide service")
            .WithDescription("Offered at every location unless the location switched it off.");
        group.MapPut("/{serviceId}", UpdateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("UpdateService")
            .WithSummary("Replace a business-wide service's details")
            .WithDescription("Omitted optional fields are removed; bookable keeps its value when omitted.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{serviceId}", DeleteAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("DeleteService")
            .WithSummary("Remove a business-wide service")
            .WithDescription("It disappears from every phone.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<ServiceList>, ProblemHttpResult>> ListAsync(
        string businessId, ServiceCatalog services, CancellationToken ct)
    {
        var result = await services.ListBusinessWideAsync(businessId, ct);
        return result.IsOk
            ? TypedResults.Ok(new ServiceList(result.Value.Select(service => service.ToResponse()).ToList()))
            : result.Problem.ToHttp();
    }

    private static async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, ServiceInput input, ServiceCatalog services, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        Created(await services.CreateAsync(businessId, phoneId: null, input, ct), request, response);

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string serviceId, ServiceCatalog services, HttpResponse response, CancellationToken ct) =>
        Respond(await services.GetAsync(businessId, phoneId: null, serviceId, ct), response);

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> UpdateAsync(
        string businessId,
        string serviceId,
        ServiceInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ServiceCatalog services,
        HttpResponse response,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await services.UpdateAsync(businessId, phoneId: null, serviceId, input, ifMatch, ct), response);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId,
        string serviceId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ServiceCatalog services,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Deleted(await services.DeleteAsync(businessId, phoneId: null, serviceId, ifMatch, ct));

    /// <summary>201 with Location and ETag; shared with the phone's own services.</summary>
    internal static Results<Created<ServiceResponse>, ProblemHttpResult> Created(Result<Service> result, HttpRequest request, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Created($"{request.PathBase}{request.Path}/{result.Value.Id}", result.Value.ToResponse());
    }

    internal static Results<Ok<ServiceResponse>, ProblemHttpResult> Respond(Result<Service> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(result.Value.ToResponse());
    }

    internal static Results<NoContent, ProblemHttpResult> Deleted(Result<bool> result) =>
        result.IsOk ? TypedResults.NoContent() : result.Problem.ToHttp();
}

public sealed record ServiceList(IReadOnlyList<ServiceResponse> Items);
