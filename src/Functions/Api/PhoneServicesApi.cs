using Microsoft.AspNetCore.Mvc;
using MultiPhone.Functions.Hosting;
using MultiPhone.Services;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services</c>: what one phone (location) offers, its own
/// services, and which business-wide services it switches off.
/// </summary>
public static class PhoneServicesApi
{
    private static readonly ResourceResults<SwitchedOffView, SwitchedOffResponse> SwitchedOff = new(view => view.ETag, view => view.ToResponse());

    public static RouteGroupBuilder MapPhoneServices(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/phone-numbers/{phoneId}/services").WithTags("Services");
        group.MapGet("", ListAsync)
            .Describe("ListPhoneServices", "List what a phone offers",
                "The business-wide services the phone has not switched off and the phone's own, by name; source says "
                + "which is which. switchedOff lists the business-wide services it does not offer.");
        group.MapPost("", CreateAsync)
            .Creates<ServiceInput>()
            .Describe("CreatePhoneService", "Add a service offered only at this phone", "bookable is false when omitted.");
        group.MapGet("/switched-off", GetSwitchedOffAsync)
            .Describe("GetSwitchedOffServices", "Read which business-wide services a phone does not offer",
                "The ETag is \"v0\" while the phone has never switched any off.");
        group.MapPut("/switched-off", ReplaceSwitchedOffAsync)
            .Replaces()
            .Describe("ReplaceSwitchedOffServices", "Replace which business-wide services a phone does not offer",
                "Replaces the whole list; every id must be a business-wide service of this business, at most once. "
                + "If-Match \"v0\" sets the first list.");
        group.MapGet("/{serviceId}", GetAsync)
            .Describe("GetPhoneService", "Read one of the phone's own services",
                "A service only this location offers; business-wide services are read at /services.");
        group.MapPut("/{serviceId}", UpdateAsync)
            .Replaces()
            .Describe("UpdatePhoneService", "Replace one of the phone's own services",
                "Omitted optional fields are removed; bookable keeps its value when omitted.");
        group.MapDelete("/{serviceId}", DeleteAsync)
            .Deletes()
            .Describe("DeletePhoneService", "Remove one of the phone's own services",
                "Needs If-Match. Business-wide services are switched off for a location instead (services/switched-off).");
        return business;
    }

    private static async Task<Results<Ok<PhoneServicesResponse>, ProblemHttpResult>> ListAsync(
        string businessId, string phoneId, ServiceCatalog services, CancellationToken ct)
    {
        var result = await services.ListForPhoneAsync(businessId, phoneId, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : result.Problem.ToHttp();
    }

    private static async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, string phoneId, ServiceInput input, ServiceCatalog services, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        ServicesApi.Created(await services.CreateAsync(businessId, phoneId, input, ct), request, response);

    private static async Task<Results<Ok<SwitchedOffResponse>, ProblemHttpResult>> GetSwitchedOffAsync(
        string businessId, string phoneId, SwitchedOffServices switchedOff, HttpResponse response, CancellationToken ct) =>
        SwitchedOff.Ok(await switchedOff.GetAsync(businessId, phoneId, ct), response);

    private static Task<Results<Ok<SwitchedOffResponse>, ProblemHttpResult>> ReplaceSwitchedOffAsync(string businessId, string phoneId,
        SwitchedOffInput input, [FromHeader(Name = "If-Match")] string? ifMatch, SwitchedOffServices switchedOff, HttpResponse response, CancellationToken ct) =>
        SwitchedOff.ChangeAsync(ifMatch, response, match => switchedOff.ReplaceAsync(businessId, phoneId, input, match, ct));

    private static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string phoneId, string serviceId, ServiceCatalog services, HttpResponse response, CancellationToken ct) =>
        ServicesApi.Offering.Ok(await services.GetAsync(businessId, phoneId, serviceId, ct), response);

    private static Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> UpdateAsync(string businessId, string phoneId, string serviceId,
        ServiceInput input, [FromHeader(Name = "If-Match")] string? ifMatch, ServiceCatalog services, HttpResponse response, CancellationToken ct) =>
        ServicesApi.Offering.ChangeAsync(ifMatch, response, match => services.UpdateAsync(businessId, phoneId, serviceId, input, match, ct));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string businessId, string phoneId, string serviceId,
        [FromHeader(Name = "If-Match")] string? ifMatch, ServiceCatalog services, CancellationToken ct) =>
        ResourceResults.DeleteAsync(ifMatch, match => services.DeleteAsync(businessId, phoneId, serviceId, match, ct));
}
