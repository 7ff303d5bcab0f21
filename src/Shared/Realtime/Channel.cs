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

/// <summary>One of the seed's realtime channels; its text is also the SignalR group name.</summary>
public readonly partial record struct Channel(ChannelKind Kind, string Id)
{
    public static Channel Business(string businessId) => new(ChannelKind.Business, businessId);

    public static Channel PhoneSettings(string phoneId) => new(ChannelKind.PhoneSettings, phoneId);

    public static Channel PhoneVoice(string phoneId) => new(ChannelKind.PhoneVoice, phoneId);

    public static Channel PhoneHours(string phoneId) => new(ChannelKind.PhoneHours, phoneId);

    public bool IsPhone => Kind != ChannelKind.Business;

    public override string ToString() => Kind switch
    {
        ChannelKind.Business => $"business:{Id}",
        ChannelKind.PhoneSettings => $"phone:{Id}:settings",
        ChannelKind.PhoneVoice => $"phone:{Id}:voice",
        _ => $"phone:{Id}:hours",
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out Channel? channel)
    {
        channel = null;
        if (text is null || Pattern().Match(text) is not { Success: true } match)
        {
            return false;
        }
        var id = match.Groups["id"].Value;
        channel = match.Groups["scope"].Value == "business"
            ? Business(id)
            : match.Groups["topic"].Value switch
            {
                "settings" => PhoneSettings(id),
                "voice" => PhoneVoice(id),
                _ => PhoneHours(id),
            };
        return true;
    }

    [GeneratedRegex(@"^(?:(?<scope>business):(?<id>[A-Za-z0-9][A-Za-z0-9._-]{0,127})|(?<scope>phone):(?<id>[A-Za-z0-9][A-Za-z0-9._-]{0,127}):(?<topic>settings|voice|hours))\z")]
    private static partial Regex Pattern();
}
