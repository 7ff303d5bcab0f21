using MultiPhone.Common;
using MultiPhone.Settings;

namespace MultiPhone.UnitTests.Settings;

/// <summary>Calls a section's static abstract members the way generic settings code does.</summary>
internal static class SectionChecks
{
    public const string Us = "US";

    public static T Normalize<T>(T layer, string? country, FieldErrors errors)
        where T : class, ISettingsSection<T> => T.Normalize(layer, new SectionContext(country), errors);

    public static void CheckEffective<T>(T effective, FieldErrors errors)
        where T : class, ISettingsSection<T> => T.CheckEffective(effective, errors);

    /// <summary>Normalises with a US default country; gives the result and the named errors.</summary>
    public static (T Normalized, IReadOnlyDictionary<string, string[]> Errors) Check<T>(T layer, string? country = Us)
        where T : class, ISettingsSection<T>
    {
        var errors = new FieldErrors();
        var normalized = Normalize(layer, country, errors);
        return (normalized, Messages(errors));
    }

    public static IReadOnlyDictionary<string, string[]> Messages(FieldErrors errors) =>
        errors.Any ? errors.ToProblem().Errors! : new Dictionary<string, string[]>();

    /// <summary>The fields named, in ordinal order.</summary>
    public static string[] Fields(FieldErrors errors) => [.. Messages(errors).Keys.Order(StringComparer.Ordinal)];

    public static string[] Fields(IReadOnlyDictionary<string, string[]> errors) => [.. errors.Keys.Order(StringComparer.Ordinal)];
}
