using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Subscriptions;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/subscription</c>: the plan and its phone-number limit.</summary>
public static class SubscriptionApi
{
    public static RouteGroupBuilder MapSubscription(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/subscription").WithTags("Subscription");
        group.MapGet("", GetAsync)
            .WithName("GetSubscription")
            .WithSummary("Read the plan, its phone-number limit and how much of it is used")
            .WithDescription("Every business starts on a plan; the limit counts the phone numbers the business may have at once.");
        group.MapPut("", PutAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("PutSubscription")
            .WithSummary("Change the plan")
            .WithDescription("Admins choose starter (3 phone numbers), growth (10) or scale (50). Enterprise, with a custom "
                + "maxPhoneNumbers, is set by operations. A plan below the phone numbers in use is refused (409).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetAsync(
        string businessId, SubscriptionService subscriptions, HttpResponse response, CancellationToken ct) =>
        Respond(await subscriptions.GetAsync(businessId, ct), response);

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> PutAsync(
        string businessId, SubscriptionInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
        SubscriptionService subscriptions, HttpContext http, CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await subscriptions.PutAsync(businessId, input, ifMatch, http.IsPlatformRole(PlatformRoles.Ops), ct), http.Response);

    private static Results<Ok<SubscriptionResponse>, ProblemHttpResult> Respond(
        Result<(Subscription Subscription, int PhonesInUse)> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        var (subscription, inUse) = result.Value;
        response.Headers.ETag = subscription.ETag;
        return TypedResults.Ok(new SubscriptionResponse(subscription.Plan, subscription.MaxPhoneNumbers, inUse, subscription.UpdatedAt));
    }
}
