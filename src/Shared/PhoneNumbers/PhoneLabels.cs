using System.Text.RegularExpressions;

namespace MultiPhone.PhoneNumbers;

/// <summary>The rules of a phone's labels: lower-case words that group locations for filters and bulk edits.</summary>
public static partial class PhoneLabels
{
    public const int MaxPerPhone = 20;
    public const int MaxLength = 40;

    /// <summary>The labels trimmed, lower-cased, without duplicates and sorted; every refused one named in <paramref name="errors"/>.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string?> labels, FieldErrors errors, string field = "labels")
    {
        var normalized = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (Normalize(labels[i]) is { } label)
            {
                normalized.Add(label);
            }
            else
            {
                errors.Add($"{field}[{i}]", Rule);
            }
        }
        if (normalized.Count > MaxPerPhone)
        {
            errors.Add(field, $"At most {MaxPerPhone} labels per phone.");
        }
        return [.. normalized];
    }

    /// <summary>One label as stored, or null when it is not a label.</summary>
    public static string? Normalize(string? label) =>
        label?.Trim().ToLowerInvariant() is { Length: > 0 and <= MaxLength } trimmed && Word().IsMatch(trimmed) ? trimmed : null;

    public const string Rule = "A label is a lower-case word of letters and digits, hyphens between them, at most 40 characters (e.g. west-coast).";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
