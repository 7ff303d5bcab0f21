using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace MultiPhone.Realtime;

public enum ChannelKind
{
    /// <summary><c>business:{businessId}</c>: phones added, changed, removed, primary changed; defaults, staff, services.</summary>
    Business,

    /// <summary><c>phone:{phoneId}:settings</c>: any of the phone's sections, its staff or its services changed.</summary>
    PhoneSettings,

    /// <summary><c>phone:{phoneId}:voice</c>: the phone's new effective voice section, with sources.</summary>
    PhoneVoice,

    /// <summary><c>phone:{phoneId}:hours</c>: the phone's new effective hours with openNow and nextChangeAt.</summary>
    PhoneHours,
}

/// <summary>
/// How a kind of channel is written (<c>{Scope}:{id}</c> or <c>{Scope}:{id}:{Topic}</c>) and who may listen besides
/// the members of the business: what a change becomes on it is said by the features' change routes.
/// </summary>
public sealed record ChannelDeclaration(ChannelKind Kind, string Scope, string? Topic, bool VoiceAgentsMayListen)
{
    public const string PhoneScope = "phone";

    public string Format(string id) => Topic is null ? $"{Scope}:{id}" : $"{Scope}:{id}:{Topic}";
}

/// <summary>One of the realtime channels; its text is also the SignalR group name.</summary>
public readonly partial record struct Channel(ChannelKind Kind, string Id)
{
    /// <summary>Every channel there is, in the order of <see cref="ChannelKind"/>: a new channel is declared here.</summary>
    public static readonly IReadOnlyList<ChannelDeclaration> Declarations =
    [
        new(ChannelKind.Business, "business", null, VoiceAgentsMayListen: false),
        new(ChannelKind.PhoneSettings, ChannelDeclaration.PhoneScope, "settings", VoiceAgentsMayListen: false),
        new(ChannelKind.PhoneVoice, ChannelDeclaration.PhoneScope, "voice", VoiceAgentsMayListen: true),
        new(ChannelKind.PhoneHours, ChannelDeclaration.PhoneScope, "hours", VoiceAgentsMayListen: true),
    ];

    public static Channel Business(string businessId) => new(ChannelKind.Business, businessId);

    public static Channel PhoneSettings(string phoneId) => new(ChannelKind.PhoneSettings, phoneId);

    public static Channel PhoneVoice(string phoneId) => new(ChannelKind.PhoneVoice, phoneId);

    public static Channel PhoneHours(string phoneId) => new(ChannelKind.PhoneHours, phoneId);

    public ChannelDeclaration Declaration => Declarations[(int)Kind];

    public bool IsPhone => Declaration.Scope == ChannelDeclaration.PhoneScope;

    public override string ToString() => Declaration.Format(Id);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Channel? channel)
    {
        channel = null;
        if (text is null || Pattern().Match(text) is not { Success: true } match)
        {
            return false;
        }
        var topic = match.Groups["topic"].Success ? match.Groups["topic"].Value : null;
        if (Declarations.FirstOrDefault(d => d.Scope == match.Groups["scope"].Value && d.Topic == topic) is not { } declaration)
        {
            return false;
        }
        channel = new Channel(declaration.Kind, match.Groups["id"].Value);
        return true;
    }

    // \z, not $: $ also matches before a final newline, which would let "business:x\n" through as "business:x".
    [GeneratedRegex(@"^(?<scope>[a-z]+):(?<id>[A-Za-z0-9][A-Za-z0-9._-]{0,127})(?::(?<topic>[a-z]+))?\z")]
    private static partial Regex Pattern();
}
