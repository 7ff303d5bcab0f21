using System.Text.RegularExpressions;

namespace MultiPhone.Common;

/// <summary>
/// The one rule for every id in a request path or query: business ids chosen by their creators and the GUIDs the app
/// issues for everything else both fit it, so anything outside it names nothing and is refused before any read.
/// </summary>
public static partial class Ids
{
    public const int MaxLength = 64;

    /// <summary>The rule as a regular expression, as the OpenAPI document states it.</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";

    public const string Rule = "Use 1-64 letters, digits, '-' or '_', starting with a letter or digit.";

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    // \z, not $: $ would also match before a trailing line break.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex IdPattern();
}
