using System.Collections.Frozen;
using System.Globalization;
using MultiPhone.LocationItems;

namespace MultiPhone.Services;

/// <summary>A service request that passed validation, normalised.</summary>
public sealed record ValidServiceInput(string Name, string? Description, int? DurationMinutes, Price? Price, bool? Bookable)
{
    /// <summary>The service with these details; <c>bookable</c> keeps the service's value when the input leaves it out.</summary>
    public Service ApplyTo(Service service) => service with
    {
        Name = Name, Description = Description, DurationMinutes = DurationMinutes, Price = Price, Bookable = Bookable ?? service.Bookable,
    };
}

public static class ServiceRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MinDurationMinutes = 1;
    public const int MaxDurationMinutes = 1440;
    public const int MaxPriceAmount = 1_000_000;
    public const int PriceDecimals = 2;
    public const int CurrencyCodeLength = 3;
    public const int MaxSwitchedOff = 1000;

    /// <summary>
    /// The ISO 4217 codes .NET knows, from the regions of every specific culture; it has no list of its own. Regions
    /// without a currency report a placeholder, which the shape check drops.
    /// </summary>
    private static readonly FrozenSet<string> Currencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(culture => new RegionInfo(culture.Name).ISOCurrencySymbol)
        .Where(code => code.Length == CurrencyCodeLength && code.All(char.IsAsciiLetterUpper))
        .ToFrozenSet(StringComparer.Ordinal);

    public static Result<ValidServiceInput> Validate(ServiceInput input)
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("name", input.Name, MaxNameLength);
        var description = errors.OptionalText("description", input.Description, MaxDescriptionLength);
        if (input.DurationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            errors.Add("durationMinutes", $"Must be from {MinDurationMinutes} to {MaxDurationMinutes} minutes.");
        }
        var price = input.Price is null ? null : ValidatePrice(input.Price, errors);
        return errors.Any
            ? errors.ToProblem()
            : new ValidServiceInput(name!, description, input.DurationMinutes, price, input.Bookable);
    }

    /// <summary>
    /// The ids a switched-off list names, for looking up which are business-wide services before
    /// <see cref="ValidateSwitchedOff"/>. Empty when the list is refused anyway for its length.
    /// </summary>
    public static IReadOnlyList<string> ServiceIdsOf(SwitchedOffInput input) =>
        PhoneListRules.NamedIds(input.BusinessServiceIds, id => id, MaxSwitchedOff);

    /// <summary>
    /// Validates a whole switched-off list; <paramref name="businessServices"/> holds the named ids that are
    /// business-wide services of this business.
    /// </summary>
    public static Result<IReadOnlyList<string>> ValidateSwitchedOff(SwitchedOffInput input, IReadOnlySet<string> businessServices)
    {
        var errors = new FieldErrors();
        var ids = input.BusinessServiceIds;
        if (!PhoneListRules.CheckList(errors, "businessServiceIds", ids, MaxSwitchedOff, "Required; send an empty list to offer every business-wide service."))
        {
            return errors.ToProblem();
        }
        var valid = new List<string>(ids.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            valid.Add(PhoneListRules.CheckId(errors, $"businessServiceIds[{i}]", ids[i], businessServices, seen,
                "No business-wide service of this business has this id.", "Already in the list."));
        }
        return errors.Any ? errors.ToProblem() : valid;
    }

    private static Price? ValidatePrice(PriceInput price, FieldErrors errors)
    {
        var amount = price.Amount;
        if (amount is null)
        {
            errors.Add("price.amount", "Required.");
        }
        else if (amount < 0 || amount > MaxPriceAmount)
        {
            errors.Add("price.amount", $"Must be from 0 to {MaxPriceAmount.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (decimal.Round(amount.Value, PriceDecimals) != amount)
        {
            errors.Add("price.amount", $"At most {PriceDecimals} decimals.");
        }
        var currency = price.Currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency))
        {
            errors.Add("price.currency", "Required.");
        }
        else if (!Currencies.Contains(currency))
        {
            errors.Add("price.currency", "Must be an ISO 4217 currency code, such as USD or EUR.");
        }
        return amount is null || currency is null ? null : new Price { Amount = amount.Value, Currency = currency };
    }
}
