using MultiPhone.Businesses;

namespace MultiPhone.PhoneNumbers;

/// <summary>
/// The plan's phone-number limit, enforced with a counter in the business document: a create takes a slot with a
/// conditional write before its phone can become ready, so concurrent creates can never exceed the limit.
/// </summary>
public sealed class PhoneSlots(BusinessStore businesses, PhoneNumberStore store, TimeProvider time, IOptions<PhoneNumbersOptions> options)
{
    /// <summary>Takes a slot for a phone whose pending document is already written (so a recount sees it).</summary>
    public async Task<Result<bool>> TakeAsync(string businessId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var taken = false;
            var business = await businesses.UpdateAsync(businessId, (b, _) =>
            {
                taken = b.PhoneSlotsTaken < b.EffectiveSubscription.MaxPhoneNumbers;
                return Task.FromResult(taken ? b with { PhoneSlotsTaken = b.PhoneSlotsTaken + 1 } : null);
            }, ct);
            if (business is null)
            {
                return BusinessService.NotFound(businessId);
            }
            if (taken)
            {
                return true;
            }
            // The count may be too high after an interrupted create or delete: recount once, then decide.
            if (attempt > 0 || !await CorrectAsync(businessId, business.Item.PhoneSlotsTaken, ct))
            {
                var limit = business.Item.EffectiveSubscription;
                return new Problem(ProblemTypes.PhoneNumberLimit, 409, "The plan's phone-number limit is reached",
                    $"The {limit.Plan.ToString().ToLowerInvariant()} plan allows {limit.MaxPhoneNumbers} phone numbers; upgrade the subscription or remove a phone number.");
            }
        }
    }

    public Task ReleaseAsync(string businessId, CancellationToken ct) =>
        businesses.UpdateAsync(businessId, (b, _) =>
            Task.FromResult(b.PhoneSlotsTaken > 0 ? b with { PhoneSlotsTaken = b.PhoneSlotsTaken - 1 } : null), ct);

    /// <summary>
    /// Sets the count to the phones that exist (ready, or pending and still within the reservation lease) when it is
    /// higher. Pending phones are counted because their create may already hold a slot: erring high is safe.
    /// </summary>
    private async Task<bool> CorrectAsync(string businessId, int counted, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var actual = (await store.ListAsync(businessId, ct))
            .Count(p => p.Item.State == PhoneState.Ready || now - p.Item.CreatedAt < options.Value.ReservationLease);
        if (actual >= counted)
        {
            return false;
        }
        await businesses.UpdateAsync(businessId, (b, _) =>
            Task.FromResult(b.PhoneSlotsTaken == counted ? b with { PhoneSlotsTaken = actual } : null), ct);
        return true;
    }
}
