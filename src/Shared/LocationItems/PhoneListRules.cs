using System.Diagnostics.CodeAnalysis;

namespace MultiPhone.LocationItems;

/// <summary>What validating any per-phone list checks the same way: the list as a whole, and each id it names.</summary>
public static class PhoneListRules
{
    /// <summary>
    /// The distinct ids <paramref name="entries"/> name, trimmed, blanks left out, for looking up which are items of the
    /// business before the list is validated. Empty when the list is refused anyway for its length.
    /// </summary>
    public static IReadOnlyList<string> NamedIds<T>(IReadOnlyList<T>? entries, Func<T, string?> idOf, int max) =>
        entries is { } list && list.Count <= max
            ? list.Select(entry => idOf(entry)?.Trim()).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Refuses a missing list or one longer than <paramref name="max"/>; true when its entries are to be checked.</summary>
    public static bool CheckList<T>(FieldErrors errors, string field, [NotNullWhen(true)] IReadOnlyList<T>? entries, int max, string whenMissing)
    {
        if (entries is null)
        {
            errors.Add(field, whenMissing);
            return false;
        }
        if (entries.Count > max)
        {
            errors.Add(field, $"At most {max} entries.");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Checks one id of a list: given, among <paramref name="found"/> (the named ids the list may hold; any other is
    /// refused with the same message whether it exists elsewhere or nowhere) and not listed before. The trimmed id.
    /// </summary>
    public static string CheckId(
        FieldErrors errors, string field, string? id, IReadOnlySet<string> found, ISet<string> seen, string notFound, string listedTwice)
    {
        var trimmed = id?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(field, "Required.");
        }
        else if (!found.Contains(trimmed))
        {
            errors.Add(field, notFound);
        }
        else if (!seen.Add(trimmed))
        {
            errors.Add(field, listedTwice);
        }
        return trimmed;
    }
}
