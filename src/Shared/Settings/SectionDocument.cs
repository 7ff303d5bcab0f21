using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MultiPhone.Settings;

/// <summary>
/// One layer of one section: a phone's override (scope = phone id) or the business default (scope = "defaults").
/// One document per section keeps ETags per section: people editing different sections never conflict.
/// The document stays when a section is reset (value null), so its version only ever grows.
/// </summary>
public sealed record SectionDocument
{
    public const string DefaultsScope = "defaults";

    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    public required string Scope { get; init; }

    public required string Section { get; init; }

    public required long Version { get; init; }

    /// <summary>The layer's fields as JSON (absent fields inherit); null when the section inherits entirely.</summary>
    public JsonObject? Value { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public string ETag => ETagOf(Version);

    public static string IdOf(string scope, string section) => $"{scope}:{section}";

    public static string ETagOf(long version) => $"\"v{version}\"";
}
