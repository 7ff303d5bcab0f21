using Microsoft.AspNetCore.Mvc;
using MultiPhone.Businesses;
using MultiPhone.Functions.Hosting;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}</c>: the tenant itself.</summary>
public static class BusinessesApi
{
    public static RouteGroupBuilder MapBusinesses(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("").WithTags("Businesses");
        group.MapGet("", GetAsync)
            .Describe("GetBusiness", "Read the business",
                "Its name and company profile; the ETag is what a PUT that changes them sends in If-Match.");
        group.MapPut("", PutAsync)
            .Replaces()
            .Describe("PutBusiness", "Create the business, or update it",
                "Creates the business when it does not exist (platform role ops, or admin of that business id). "
                + "Updating needs If-Match with the ETag last read.");
        return business;
    }

    private static readonly ResourceResults<Business, BusinessResponse> Tenant = new(business => business.ETag, BusinessResponse.From);

    private static async Task<Results<Ok<BusinessResponse>, ProblemHttpResult>> GetAsync(
        string businessId, BusinessService businesses, HttpResponse response, CancellationToken ct) =>
        Tenant.Ok(await businesses.GetAsync(businessId, ct), response);

    private static async Task<Results<Created<BusinessResponse>, Ok<BusinessResponse>, ProblemHttpResult>> PutAsync(
        string businessId,
        BusinessInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        BusinessService businesses,
        HttpRequest request,
        HttpResponse response,
        CancellationToken ct)
    {
        var result = await businesses.PutAsync(businessId, input, ifMatch, ct);
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        var (business, created) = result.Value;
        response.Headers.ETag = business.ETag;
        return created
            ? TypedResults.Created(request.Path, BusinessResponse.From(business))
            : TypedResults.Ok(BusinessResponse.From(business));
    }
}
