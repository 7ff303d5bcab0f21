using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiPhone.Realtime;

/// <summary>
/// What a subscriber of <see cref="Channel"/> receives (hub method <c>change</c>) after a change. Delivery is at
/// least once and may be coalesced; each entry of <see cref="Versions"/> grows with every change of what it names,
/// so a client ignores a message none of whose versions is newer than what it has seen (docs/realtime.md).
/// </summary>
public sealed record ChangeMessage
{
    public required string Channel { get; init; }

    /// <summary>e.g. <c>phone.added</c>, <c>defaults.changed</c>, <c>phone.voice.changed</c>; clients ignore unknown types.</summary>
    public required string Type { get; init; }

    public required string BusinessId { get; init; }

    public string? PhoneId { get; init; }

    /// <summary>The staff member or service the message is about, when it is about one.</summary>
    public string? ItemId { get; init; }

    /// <summary>What changed: voice, rules, hours, sms, staff, services, phone, primary, business.</summary>
    public required IReadOnlyList<string> Sections { get; init; }

    /// <summary>The version of each changed section, as of this message.</summary>
    public required IReadOnlyDictionary<string, long> Versions { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The subject of the token that made the change; a <c>system:</c> actor for background work.</summary>
    public string? ChangedBy { get; init; }

    /// <summary>Voice channel: the effective voice section and sources. Hours channel: also openNow and nextChangeAt.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>A message about <paramref name="change"/> that names one section (or item kind) and its version.</summary>
    public static ChangeMessage About(
        ChangedDocument change, Channel channel, string type, string? phoneId, string section, long version, string? itemId = null, JsonObject? data = null) => new()
        {
            Channel = channel.ToString(),
            Type = type,
            BusinessId = change.BusinessId,
            PhoneId = phoneId,
            ItemId = itemId,
            Sections = [section],
            Versions = new Dictionary<string, long> { [section] = version },
            ChangedAt = change.ChangedAt,
            ChangedBy = change.ChangedBy,
            Data = data,
        };

    /// <summary>The data of a message about a staff member or service: whether it was removed.</summary>
    public static JsonObject? Removed(ChangedDocument change) => change.IsRemoved ? new JsonObject { ["removed"] = true } : null;

    public static JsonObject Json<T>(T value) => JsonSerializer.SerializeToNode(value, ApiJson.Options)!.AsObject();
}
