using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace MultiPhone.Common;

/// <summary>
/// Why the reader refused a request body, in the client's terms: the place (a JSON path without <c>$.</c>, or
/// <c>body</c>), which of the four reasons it is, and what that place expects. The reasons come from the reader's
/// exception and its path; what is expected comes from the body's type as <see cref="ApiJson"/> reads it.
/// </summary>
public sealed partial record JsonReadError(string Field, string Reason, string Expected)
{
    public const string BrokenJson = "the JSON is broken";
    public const string UnknownMember = "not a member of this body";
    public const string GivenTwice = "a member given twice";
    public const string WrongType = "the wrong type";
    public const string UnknownValue = "an unknown value";

    public string Detail => $"Could not read '{Field}': {Reason}. {Expected}";

    /// <summary>The reason and what is expected, for the problem's <c>errors</c> entry of the field.</summary>
    public string Summary => $"{char.ToUpperInvariant(Reason[0])}{Reason[1..]}. {Expected}";

    public static JsonReadError Of(JsonException error, Type body, JsonSerializerOptions options)
    {
        var segments = Segments(error.Path);
        var field = segments.Count == 0 ? "body" : error.Path!.TrimStart('$', '.');
        if (error.InnerException is JsonException)
        {
            return new(field, BrokenJson, "Send one JSON value (RFC 8259), as the operation's schema describes.");
        }
        if (UnmappedMember().Match(error.Message) is { Success: true } unmapped)
        {
            // The path names the object the member was found in, or the member itself.
            var member = unmapped.Groups["name"].Value;
            List<string?> owner = segments.Count > 0 && segments[^1] == member ? [.. segments.SkipLast(1)] : segments;
            var at = owner.Count == segments.Count ? (segments.Count == 0 ? member : $"{field}.{member}") : field;
            var members = TypeAt(body, owner, options) is { } owning
                ? options.GetTypeInfo(owning).Properties.Where(p => p.Get is not null).Select(p => p.Name).ToList()
                : [];
            return new(at, UnknownMember, members.Count == 0 ? "Leave it out." : $"Leave it out; the members here are {string.Join(", ", members)}.");
        }
        if (error.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return new(field, GivenTwice, "Give each member once.");
        }
        var type = TypeAt(body, segments, options);
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type is { IsEnum: true }
            ? new(field, UnknownValue, $"Expected one of {string.Join(", ", Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options)))}.")
            : new(field, WrongType, type is null ? "See the operation's schema." : $"Expected {Describe(type, options)}.");
    }

    /// <summary>The type the body's reader expects at the path, or null when the path leaves the body's type.</summary>
    private static Type? TypeAt(Type body, IEnumerable<string?> segments, JsonSerializerOptions options)
    {
        Type? type = body;
        foreach (var segment in segments)
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type!) ?? type!);
            type = info.Kind switch
            {
                JsonTypeInfoKind.Object when segment is not null => info.Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType,
                JsonTypeInfoKind.Enumerable when segment is null => info.ElementType,
                JsonTypeInfoKind.Dictionary when segment is not null => info.ElementType,
                _ => null,
            };
            if (type is null)
            {
                return null;
            }
        }
        return type;
    }

    /// <summary>The path's steps: a member name, or null for an array index.</summary>
    private static List<string?> Segments(string? path) =>
        path is null ? [] : [.. Step().Matches(path).Select(m => m.Groups["index"].Success ? null : m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Value.Replace("''", "'"))];

    private static string Describe(Type type, JsonSerializerOptions options)
    {
        if (type == typeof(string))
        {
            return "a string";
        }
        if (type == typeof(bool))
        {
            return "true or false";
        }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "a date-time string (RFC 3339)";
        }
        if (Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal)
        {
            return type == typeof(decimal) || type == typeof(double) || type == typeof(float) ? "a number" : "a whole number";
        }
        return options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable ? "an array" : "an object";
    }

    [GeneratedRegex("^The JSON property '(?<name>.*)' could not be mapped to any .NET member")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>(?:[^']|'')*)'\]")]
    private static partial Regex Step();
}
