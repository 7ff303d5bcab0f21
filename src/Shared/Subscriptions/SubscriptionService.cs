using MultiPhone.Businesses;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Subscriptions;

/// <summary>The business's plan, kept in the business document next to the count of phones it limits.</summary>
public sealed class SubscriptionService(BusinessStore businesses, PhoneNumberService phones, TimeProvider time)
{
    public async Task<Result<(Subscription Subscription, int PhonesInUse)>> GetAsync(string businessId, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is not { } business)
        {
            return BusinessService.NotFound(businessId);
        }
        return (business.Item.EffectiveSubscription, (await phones.ReadyViewsAsync(business.Item, ct)).Count);
    }

    /// <summary>Changes the plan under If-Match; see <see cref="SubscriptionRules.Apply"/> for who may set what.</summary>
    public async Task<Result<(Subscription Subscription, int PhonesInUse)>> PutAsync(
        string businessId, SubscriptionInput input, string ifMatch, bool byOperations, CancellationToken ct)
    {
        var listed = await phones.ListAsync(businessId, active: null, ct);
        if (!listed.IsOk)
        {
            return listed.Problem;
        }
        Problem? refused = null;
        var updated = await businesses.UpdateAsync(businessId, (business, _) =>
        {
            refused = null;
            var current = business.EffectiveSubscription;
            if (!ETags.Matches(ifMatch, current.ETag))
            {
                refused = Problem.PreconditionFailed("The subscription changed since you read it; read it again.");
                return Task.FromResult<Business?>(null);
            }
            // Creates under way already hold a slot but are not listed yet: the slot count, kept in this very document,
            // covers them, so a downgrade can never slip in under a create that is about to finish.
            var inUse = Math.Max(listed.Value.Count, business.PhoneSlotsTaken);
            var next = SubscriptionRules.Apply(current, input, byOperations, inUse, time.GetUtcNow());
            refused = next.Problem;
            return Task.FromResult(next.IsOk ? business with { Subscription = next.Value } : null);
        }, ct);
        if (updated is null)
        {
            return BusinessService.NotFound(businessId);
        }
        return refused ?? (Result<(Subscription, int)>)(updated.Item.EffectiveSubscription, listed.Value.Count);
    }
}

public static class SubscriptionsRegistration
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services) => services.AddSingleton<SubscriptionService>();
}
