using System.Collections.Frozen;
using System.Globalization;
using MultiPhone.Common;

namespace MultiPhone.Services;

/// <summary>A service request that passed validation, normalised.</summary>
public sealed record ValidServiceInput(string Name, string? Description, int? DurationMinutes, Price? Price, bool? Bookable);

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
        input.BusinessServiceIds is { Count: <= MaxSwitchedOff } ids
            ? ids.Select(id => id?.Trim()).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Validates a whole switched-off list; <paramref name="businessServices"/> holds the named ids that are
    /// business-wide services of this business.
    /// </summary>
    public static Result<IReadOnlyList<string>> ValidateSwitchedOff(SwitchedOffInput input, IReadOnlySet<string> businessServices)
    {
        var errors = new FieldErrors();
        if (input.BusinessServiceIds is null)
        {
            errors.Add("businessServiceIds", "Required; send an empty list to offer every business-wide service.");
            return errors.ToProblem();
        }
        if (input.BusinessServiceIds.Count > MaxSwitchedOff)
        {
            errors.Add("businessServiceIds", $"At most {MaxSwitchedOff} entries.");
            return errors.ToProblem();
        }
        var valid = new List<string>(input.BusinessServiceIds.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.BusinessServiceIds.Count; i++)
        {
            var id = input.BusinessServiceIds[i]?.Trim() ?? "";
            if (id.Length == 0)
            {
                errors.Add($"businessServiceIds[{i}]", "Required.");
            }
            else if (!businessServices.Contains(id))
            {
                errors.Add($"businessServiceIds[{i}]", "No business-wide service of this business has this id.");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"businessServiceIds[{i}]", "Already in the list.");
            }
            else
            {
                valid.Add(id);
            }
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
