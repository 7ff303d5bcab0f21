using System.Globalization;
using System.Text.RegularExpressions;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Settings;

/// <summary>Field checks the sections share.</summary>
public static partial class SettingsFields
{
    private static readonly HashSet<string> KnownCultures = CultureInfo.GetCultures(CultureTypes.AllCultures)
        .Select(c => c.Name)
        .Where(name => name.Length > 0)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A phone number in any common format, returned as E.164.</summary>
    public static string? Phone(this FieldErrors errors, string field, string? value, SectionContext context)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (PhoneNumberParser.TryToE164(value, context.DefaultCountry, out var e164, out var error))
        {
            return e164;
        }
        errors.Add(field, error);
        return null;
    }

    /// <summary>A well-formed BCP-47 tag (RFC 5646) that names a known language, e.g. en-US, es-419, zh-Hant-TW.</summary>
    public static string? Language(this FieldErrors errors, string field, string? value)
    {
        var tag = value?.Trim();
        if (string.IsNullOrEmpty(tag))
        {
            return null;
        }
        if (!LanguageTag().IsMatch(tag) || !KnownCultures.Contains(tag))
        {
            errors.Add(field, $"'{tag}' is not a BCP-47 language tag of a known language, such as en-US or es-MX.");
        }
        return tag;
    }

    public static void MaxItems<T>(this FieldErrors errors, string field, IReadOnlyCollection<T>? items, int max)
    {
        if (items is not null && items.Count > max)
        {
            errors.Add(field, $"At most {max} entries.");
        }
    }

    public static void Range(this FieldErrors errors, string field, double? value, double min, double max)
    {
        if (value is not null && (value < min || value > max || double.IsNaN(value.Value)))
        {
            errors.Add(field, $"Must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*\z")]
    private static partial Regex LanguageTag();
}
