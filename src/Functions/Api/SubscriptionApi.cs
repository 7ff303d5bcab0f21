using Microsoft.AspNetCore.Mvc;
using MultiPhone.Businesses;
using MultiPhone.Subscriptions;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/subscription</c>: the plan and its phone-number limit.</summary>
public static class SubscriptionApi
{
    private static readonly ResourceResults<(Subscription Subscription, int PhonesInUse), SubscriptionResponse> Plan = new(
        found => found.Subscription.ETag,
        found => new SubscriptionResponse(found.Subscription.Plan, found.Subscription.MaxPhoneNumbers, found.PhonesInUse, found.Subscription.UpdatedAt));

    public static RouteGroupBuilder MapSubscription(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/subscription").WithTags("Subscription");
        group.MapGet("", GetAsync)
            .Describe("GetSubscription", "Read the plan, its phone-number limit and how much of it is used",
                "Every business starts on a plan; the limit counts the phone numbers the business may have at once.");
        group.MapPut("", PutAsync)
            .Replaces(StatusCodes.Status409Conflict)
            .Describe("PutSubscription", "Change the plan",
                "Admins choose starter (3 phone numbers), growth (10) or scale (50). Enterprise, with a custom "
                + "maxPhoneNumbers, is set by operations. A plan below the phone numbers in use is refused (409).");
        return business;
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetAsync(
        string businessId, SubscriptionService subscriptions, HttpResponse response, CancellationToken ct) =>
        Plan.Ok(await subscriptions.GetAsync(businessId, ct), response);

    private static Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> PutAsync(
        string businessId, SubscriptionInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
        SubscriptionService subscriptions, HttpContext http, CancellationToken ct) =>
        Plan.ChangeAsync(ifMatch, http.Response, match => subscriptions.PutAsync(businessId, input, match, http.IsPlatformRole(PlatformRoles.Ops), ct));
}
