
namespace MultiPhone.Businesses;

public enum SubscriptionPlan
{
    Starter,
    Growth,
    Scale,
    /// <summary>Custom terms: only operations set it and its phone-number limit.</summary>
    Enterprise,
}

public sealed record Subscription
{
    public const int MaxEnterprisePhoneNumbers = 100_000;

    public required SubscriptionPlan Plan { get; init; }

    public required int MaxPhoneNumbers { get; init; }

    /// <summary>Bumped by every change; the subscription's ETag.</summary>
    public long Version { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonIgnore]
    public string ETag => $"\"s{Version}\"";

    public static Subscription Default { get; } = new() { Plan = SubscriptionPlan.Starter, MaxPhoneNumbers = LimitOf(SubscriptionPlan.Starter)!.Value };

    /// <summary>The phone-number limit of a self-service plan; null for enterprise, whose limit is negotiated.</summary>
    public static int? LimitOf(SubscriptionPlan plan) => plan switch
    {
        SubscriptionPlan.Starter => 3,
        SubscriptionPlan.Growth => 10,
        SubscriptionPlan.Scale => 50,
        _ => null,
    };
}

/// <summary>Body of <c>PUT /api/v2/businesses/{businessId}/subscription</c>.</summary>
[OutputOnlyMembers(typeof(SubscriptionResponse))]
public sealed record SubscriptionInput
{
    [Required]
    public SubscriptionPlan? Plan { get; init; }

    /// <summary>Enterprise only, set by operations; self-service plans have a fixed limit.</summary>
    [Range(1, Subscription.MaxEnterprisePhoneNumbers)]
    public int? MaxPhoneNumbers { get; init; }
}

public sealed record SubscriptionResponse(SubscriptionPlan Plan, int MaxPhoneNumbers, int PhoneNumbersUsed, DateTimeOffset? UpdatedAt);

internal static class SubscriptionRules
{
    /// <summary>
    /// The subscription a change asks for. Admins pick a self-service plan; operations (<paramref name="byOperations"/>)
    /// may also set enterprise with a custom limit. A plan below the phones in use is refused.
    /// </summary>
    public static Result<Subscription> Apply(Subscription current, SubscriptionInput input, bool byOperations, int phonesInUse, DateTimeOffset now)
    {
        if (input.Plan is not { } plan)
        {
            return Problem.Validation("plan", "Required: starter, growth, scale or enterprise.");
        }
        var fixedLimit = Subscription.LimitOf(plan);
        if (!byOperations && (fixedLimit is null || input.MaxPhoneNumbers is not null))
        {
            return Problem.Forbidden("Enterprise plans and custom phone-number limits are set by operations; contact support.");
        }
        int limit;
        if (fixedLimit is { } planLimit)
        {
            if (input.MaxPhoneNumbers is not null)
            {
                return Problem.Validation("maxPhoneNumbers", "Only enterprise plans have a custom limit.");
            }
            limit = planLimit;
        }
        else if (input.MaxPhoneNumbers is { } custom and >= 1 and <= Subscription.MaxEnterprisePhoneNumbers)
        {
            limit = custom;
        }
        else
        {
            return Problem.Validation("maxPhoneNumbers", $"Required for enterprise: 1 to {Subscription.MaxEnterprisePhoneNumbers}.");
        }
        if (limit < phonesInUse)
        {
            return new Problem(ProblemTypes.PhoneNumberLimit, 409, "The plan allows fewer phone numbers than the business has",
                $"The business has {phonesInUse} phone numbers and the {plan.ToString().ToLowerInvariant()} plan allows {limit}; remove phone numbers first.");
        }
        return current with { Plan = plan, MaxPhoneNumbers = limit, Version = current.Version + 1, UpdatedAt = now };
    }
}
