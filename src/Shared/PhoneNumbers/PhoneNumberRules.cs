using NodaTime;

namespace MultiPhone.PhoneNumbers;

/// <summary>A phone number request that passed validation, normalised.</summary>
public sealed record ValidPhoneInput(string Number, string DisplayName, Address? Address, string Timezone, bool? IsActive, bool? IsPrimary)
{
    /// <summary>Null: keep the phone's labels (a PUT that left them out).</summary>
    public IReadOnlyList<string>? Labels { get; init; }
}

internal static class PhoneNumberRules
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxAddressFieldLength = 200;

    /// <summary>
    /// Validates a POST (<paramref name="existingNumber"/> null) or a PUT of the phone with that number, naming every
    /// bad field at once. <paramref name="defaultCountry"/> reads numbers written in local format.
    /// </summary>
    public static Result<ValidPhoneInput> Validate(PhoneNumberInput input, string? defaultCountry, string? existingNumber)
    {
        var errors = new FieldErrors();
        var number = existingNumber;
        if (existingNumber is null || input.PhoneNumber is not null)
        {
            if (!PhoneNumberParser.TryToE164(input.PhoneNumber, defaultCountry, out var parsed, out var error))
            {
                errors.Add("phoneNumber", error);
            }
            else if (existingNumber is not null && parsed != existingNumber)
            {
                errors.Add("phoneNumber", $"A phone's number cannot change after creation (it is {existingNumber}); add a new phone number instead.");
            }
            else
            {
                number = parsed;
            }
        }
        var displayName = errors.RequiredText("displayName", input.DisplayName, MaxDisplayNameLength);
        var timezone = input.Timezone?.Trim();
        if (string.IsNullOrEmpty(timezone))
        {
            errors.Add("timezone", "Required.");
        }
        else if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timezone) is null)
        {
            errors.Add("timezone", $"'{timezone}' is not an IANA time zone, such as America/New_York.");
        }
        var address = input.Address is null ? null : ValidateAddress(input.Address, errors);
        var labels = input.Labels is null ? null : PhoneLabels.Normalize(input.Labels, errors);
        if (existingNumber is not null && input.Settings is not null)
        {
            errors.Add("settings", "Only when creating a phone; change its settings under /settings/{section}.");
        }
        if (input.IsPrimary == true && input.IsActive == false)
        {
            errors.Add("isPrimary", "An inactive phone cannot be the primary.");
        }
        return errors.Any
            ? errors.ToProblem()
            : new ValidPhoneInput(number!, displayName!, address, timezone!, input.IsActive, input.IsPrimary) { Labels = labels };
    }

    private static Address ValidateAddress(Address address, FieldErrors errors)
    {
        var country = address.Country?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(country))
        {
            errors.Add("address.country", "Required.");
        }
        else if (!PhoneNumberParser.IsSupportedCountry(country))
        {
            errors.Add("address.country", "Must be an ISO 3166 alpha-2 country code, such as US or GB.");
        }
        return new Address
        {
            Line1 = errors.RequiredText("address.line1", address.Line1, MaxAddressFieldLength),
            Line2 = errors.OptionalText("address.line2", address.Line2, MaxAddressFieldLength),
            City = errors.OptionalText("address.city", address.City, MaxAddressFieldLength),
            Region = errors.OptionalText("address.region", address.Region, MaxAddressFieldLength),
            PostalCode = errors.OptionalText("address.postalCode", address.PostalCode, MaxAddressFieldLength),
            Country = country,
        };
    }
}
