using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Businesses;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}</c>: the tenant itself.</summary>
public static class BusinessesApi
{
    public static RouteGroupBuilder MapBusinesses(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("").WithTags("Businesses");
        group.MapGet("", GetAsync)
            .WithName("GetBusiness")
            .WithSummary("Read the business")
            .WithDescription("Its name and company profile; the ETag is what a PUT that changes them sends in If-Match.");
        group.MapPut("", PutAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("PutBusiness")
            .WithSummary("Create the business, or update it")
            .WithDescription("Creates the business when it does not exist (platform role ops, or admin of that business id). "
                + "Updating needs If-Match with the ETag last read.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<BusinessResponse>, ProblemHttpResult>> GetAsync(
        string businessId, BusinessService businesses, HttpResponse response, CancellationToken ct)
    {
        var result = await businesses.GetAsync(businessId, ct);
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(BusinessResponse.From(result.Value));
    }

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
