using System.Security.Cryptography;
using System.Text;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;
using NodaTime;
using NodaTime.TimeZones;
using PhoneNumbers;

namespace MultiPhone.Migration;

/// <summary>How one business ends up after the migration looked at it.</summary>
public enum MigrationOutcomeKind
{
    /// <summary>Now multi-phone: its number is the primary phone (or, in a dry run, would be).</summary>
    Migrated,

    /// <summary>Already multi-phone: migrated earlier, or created through v2.</summary>
    AlreadyMigrated,

    /// <summary>No number was entered; the business is left without phones.</summary>
    SkippedNoNumber,

    /// <summary>The number, time zone or settings cannot be read; the business is left as it was.</summary>
    Invalid,

    /// <summary>Another business holds the number; this one is left as it was.</summary>
    Conflict,

    /// <summary>Something unexpected went wrong (the reason says what); running the migration again retries it.</summary>
    Failed,
}

/// <summary>What a legacy business becomes: its phone and the settings layers it gets.</summary>
public sealed record MigrationPlan(
    string PhoneId,
    ValidPhoneInput Phone,
    VoiceSettings? Voice,
    ConversationRules? Rules,
    SmsSettings? Sms,
    OperatingHours? Hours);

/// <summary>
/// The pure part of the migration: reading a legacy business into the phone and settings it becomes, or the reason it
/// cannot be. Numbers are read with the business's country (its default country, else its address's) as everywhere.
/// </summary>
public static class LegacyMigrationRules
{
    /// <summary>The phone made from a business's legacy number; the same id every time, so a rerun finds it.</summary>
    public static string PhoneIdOf(string businessId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("legacy-phone:" + businessId));
        // A version-5-style GUID (RFC 9562): name-based, so it looks like the ids phones get otherwise.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    public static Result<MigrationPlan> Plan(LegacyBusiness legacy, out MigrationOutcomeKind refusal)
    {
        refusal = MigrationOutcomeKind.Invalid;
        if (string.IsNullOrWhiteSpace(legacy.PhoneNumber))
        {
            refusal = MigrationOutcomeKind.SkippedNoNumber;
            return Problem.Validation("phoneNumber", "No phone number was entered.");
        }
        var country = CountryOf(legacy);
        var errors = new FieldErrors();
        var timezone = TimezoneOf(legacy.Timezone, legacy.PhoneNumber, country);
        if (timezone is null)
        {
            errors.Add("timezone", (string.IsNullOrWhiteSpace(legacy.Timezone) ? "No time zone was entered" : $"'{legacy.Timezone.Trim()}' is not a time zone")
                + ", and the number does not tell which one (its country has several, or it is not a number).");
        }
        var phone = ValidPhone(legacy, country, timezone ?? "UTC", errors);
        var context = new SectionContext(country);
        var voice = Layer(legacy.VoiceSettings, "voiceSettings", context, errors);
        var rules = Layer(legacy.ConversationRules, "conversationRules", context, errors);
        var sms = Layer(legacy.SmsSettings, "smsSettings", context, errors);
        var hours = Layer(legacy.OperatingHours, "operatingHours", context, errors);
        return errors.Any ? errors.ToProblem() : new MigrationPlan(PhoneIdOf(legacy.Id), phone!, voice, rules, sms, hours);
    }

    /// <summary>The country local numbers are read in: the business's default country, else its address's.</summary>
    public static string? CountryOf(LegacyBusiness legacy) =>
        new[] { legacy.CompanyProfile?.DefaultCountry, legacy.Address?.Country }
            .Select(c => c?.Trim().ToUpperInvariant())
            .FirstOrDefault(c => !string.IsNullOrEmpty(c) && PhoneNumberParser.IsSupportedCountry(c));

    /// <summary>
    /// An IANA id as entered, or the one a Windows id ("Eastern Standard Time") stands for; otherwise, when the number
    /// belongs to a single time zone, that one. Null when none of these gives an answer.
    /// </summary>
    public static string? TimezoneOf(string? entered, string? number, string? country)
    {
        var trimmed = entered?.Trim();
        if (!string.IsNullOrEmpty(trimmed))
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(trimmed) is not null)
            {
                return trimmed;
            }
            if (TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(trimmed, out var fromWindows))
            {
                return fromWindows;
            }
        }
        try
        {
            var parsed = PhoneNumberUtil.GetInstance().Parse(number ?? "", country);
            var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(parsed);
            return zones.Count == 1 && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zones[0]) is not null ? zones[0] : null;
        }
        catch (NumberParseException)
        {
            // The number itself is reported by the phone's validation.
            return null;
        }
    }

    private static ValidPhoneInput? ValidPhone(LegacyBusiness legacy, string? country, string timezone, FieldErrors errors)
    {
        var input = new PhoneNumberInput
        {
            PhoneNumber = legacy.PhoneNumber,
            DisplayName = string.IsNullOrWhiteSpace(legacy.Name) ? "Main line" : Truncate(legacy.Name.Trim(), PhoneNumberRules.MaxDisplayNameLength),
            Address = legacy.Address is { } address ? address with { Country = address.Country ?? country } : null,
            Timezone = timezone,
        };
        var valid = PhoneNumberRules.Validate(input, country, existingNumber: null);
        if (!valid.IsOk && valid.Problem.Errors!.Keys.Any(field => field.StartsWith("address", StringComparison.Ordinal)))
        {
            // An incomplete legacy address is not worth refusing the business for: the phone goes without one.
            valid = PhoneNumberRules.Validate(input with { Address = null }, country, existingNumber: null);
        }
        if (valid.IsOk)
        {
            return valid.Value;
        }
        foreach (var (field, messages) in valid.Problem.Errors!)
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }
        return null;
    }

    private static T? Layer<T>(T? layer, string field, SectionContext context, FieldErrors errors) where T : class, ISettingsSection<T>
    {
        if (layer is null)
        {
            return null;
        }
        var own = new FieldErrors();
        var normalized = T.Normalize(layer, context, own);
        if (own.Any)
        {
            foreach (var (path, messages) in own.ToProblem().Errors!)
            {
                errors.Add($"{field}.{path}", string.Join(" ", messages));
            }
        }
        return normalized;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd();
}
