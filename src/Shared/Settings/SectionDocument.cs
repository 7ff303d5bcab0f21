using System.Text.Json.Nodes;

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

    /// <summary>The layer of section <typeparamref name="T"/> in <paramref name="scope"/>, holding <paramref name="value"/>.</summary>
    public static SectionDocument Of<T>(string businessId, string scope, T? value, long version, DateTimeOffset updatedAt)
        where T : class, ISettingsSection<T> => new()
    {
        Id = IdOf(scope, T.Name),
        BusinessId = businessId,
        Scope = scope,
        Section = T.Name,
        Version = version,
        Value = SectionJson<T>.ToJson(value),
        UpdatedAt = updatedAt,
    };

    public static string ETagOf(long version) => $"\"v{version}\"";
}
