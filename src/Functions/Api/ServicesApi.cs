using Microsoft.AspNetCore.Mvc;
using MultiPhone.Services;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/services</c>: what the business offers at every phone.</summary>
public static class ServicesApi
{
    /// <summary>How a service is answered, business-wide or a phone's own.</summary>
    internal static readonly ResourceResults<Service, ServiceResponse> Offering = new(service => service.ETag, service => service.ToResponse());

    public static RouteGroupBuilder MapServices(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/services").WithTags("Services");
        group.MapGet("", ListAsync)
            .Describe("ListServices", "List the business-wide services", "By name, then id. A phone's own services are listed under the phone.");
        group.MapPost("", CreateAsync)
            .Creates<ServiceInput>()
            .Describe("CreateService", "Add a business-wide service",
                "Offered at every phone that does not switch it off. bookable is false when omitted.");
        group.MapGet("/{serviceId}", GetAsync)
            .Describe("GetService", "Read one business-wide service", "Offered at every location unless the location switched it off.");
        group.MapPut("/{serviceId}", UpdateAsync)
            .Replaces()
            .Describe("UpdateService", "Replace a business-wide service's details",
                "Omitted optional fields are removed; bookable keeps its value when omitted.");
        group.MapDelete("/{serviceId}", DeleteAsync)
            .Deletes()
            .Describe("DeleteService", "Remove a business-wide service", "It disappears from every phone.");
        return business;
    }

    private static async Task<Results<Ok<ServiceList>, ProblemHttpResult>> ListAsync(
        string businessId, ServiceCatalog services, CancellationToken ct) =>
        Offering.List(await services.ListBusinessWideAsync(businessId, ct), items => new ServiceList(items));

    private static async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, ServiceInput input, ServiceCatalog services, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        Created(await services.CreateAsync(businessId, phoneId: null, input, ct), request, response);

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string serviceId, ServiceCatalog services, HttpResponse response, CancellationToken ct) =>
        Offering.Ok(await services.GetAsync(businessId, phoneId: null, serviceId, ct), response);

    private static Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> UpdateAsync(string businessId, string serviceId, ServiceInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch, ServiceCatalog services, HttpResponse response, CancellationToken ct) =>
        Offering.ChangeAsync(ifMatch, response, match => services.UpdateAsync(businessId, phoneId: null, serviceId, input, match, ct));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId, string serviceId, [FromHeader(Name = "If-Match")] string? ifMatch, ServiceCatalog services, CancellationToken ct) =>
        ResourceResults.DeleteAsync(ifMatch, match => services.DeleteAsync(businessId, phoneId: null, serviceId, match, ct));

    /// <summary>201 with Location and ETag; shared with the phone's own services.</summary>
    internal static Results<Created<ServiceResponse>, ProblemHttpResult> Created(Result<Service> result, HttpRequest request, HttpResponse response) =>
        Offering.Created(result, response, service => $"{request.PathBase}{request.Path}/{service.Id}");
}

public sealed record ServiceList(IReadOnlyList<ServiceResponse> Items);
