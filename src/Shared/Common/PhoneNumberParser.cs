using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;
using ParsedNumber = PhoneNumbers.PhoneNumber;

namespace MultiPhone.Common;

/// <summary>Reads phone numbers in any common format and returns E.164, using libphonenumber's metadata.</summary>
public static class PhoneNumberParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly HashSet<string> Regions = [.. Util.GetSupportedRegions()];

    public static bool IsSupportedCountry(string isoCountry) => Regions.Contains(isoCountry);

    /// <summary>
    /// Parses <paramref name="input"/>; a number without a leading + is read as a number of
    /// <paramref name="defaultCountry"/>. Gives the E.164 form, or why the input is not a usable number.
    /// </summary>
    public static bool TryToE164(
        string? input, string? defaultCountry, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? error)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "Required.";
            return false;
        }
        if (!TryParse(input, defaultCountry, out var number, out error))
        {
            return false;
        }
        if (!Util.IsValidNumber(number))
        {
            error = $"'{input.Trim()}' is not a valid phone number for its country.";
            return false;
        }
        if (!Util.CanBeInternationallyDialled(number))
        {
            error = $"'{input.Trim()}' cannot be dialled from outside its country, so callers could not reach it.";
            return false;
        }
        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }

    private static bool TryParse(string input, string? defaultCountry, out ParsedNumber number, [NotNullWhen(false)] out string? reason)
    {
        number = new ParsedNumber();
        var trimmed = input.Trim();
        if (defaultCountry is null && !trimmed.StartsWith('+'))
        {
            reason = "Write the number in international format (+ and country code), or set the business's companyProfile.defaultCountry.";
            return false;
        }
        try
        {
            number = Util.Parse(trimmed, defaultCountry);
            reason = null;
            return true;
        }
        catch (NumberParseException e)
        {
            // The library reports unparseable input only by throwing; turn it into the field's message.
            reason = e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => "The country code is not valid.",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "The number is too short.",
                ErrorType.TOO_LONG => "The number is too long.",
                _ => "This is not a phone number.",
            };
            return false;
        }
    }
}
