using System.Text.Json;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;

namespace MultiPhone.AgentConfig;

/// <summary>
/// Everything a voice agent needs to answer calls on one number: the location, every effective settings section
/// with the source of each field, who takes transfers, the services, and whether the location is open.
/// </summary>
/// <param name="Version">Changes whenever anything below (but openNow) changes.</param>
/// <param name="Phone">The dialed phone and its location.</param>
/// <param name="Business">The business the phone belongs to.</param>
/// <param name="Voice">Effective voice settings.</param>
/// <param name="Rules">Effective conversation rules.</param>
/// <param name="Hours">Effective operating hours (in the phone's time zone).</param>
/// <param name="Sms">Effective SMS settings.</param>
/// <param name="TransferStaff">Active staff at this location who take transfers.</param>
/// <param name="Services">The services offered at this location, each with its source.</param>
/// <param name="OpenNow">Whether the location is open at <paramref name="EvaluatedAt"/>.</param>
/// <param name="NextChangeAt">When it next opens or closes (null when that is more than 400 days away).</param>
/// <param name="EvaluatedAt">The instant openNow was worked out for.</param>
public sealed record AgentConfiguration(
    string Version,
    AgentPhone Phone,
    AgentBusiness Business,
    ResolvedSection<VoiceSettings> Voice,
    ResolvedSection<ConversationRules> Rules,
    ResolvedSection<OperatingHours> Hours,
    ResolvedSection<SmsSettings> Sms,
    IReadOnlyList<TransferTarget> TransferStaff,
    IReadOnlyList<PhoneService> Services,
    bool OpenNow,
    DateTimeOffset? NextChangeAt,
    DateTimeOffset EvaluatedAt)
{
    /// <summary>The sections this contract names and types; every other registered section is in <see cref="OtherSections"/>.</summary>
    public static readonly string[] TypedSections = [VoiceSettings.Name, ConversationRules.Name, OperatingHours.Name, SmsSettings.Name];

    /// <summary>Every other registered section, beside the four, under its name: <c>{ effective, sources }</c> like them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherSections { get; init; }
}

/// <param name="IsActive">False when the business has switched this number off; the agent should not take calls on it.</param>
public sealed record AgentPhone(string Id, string PhoneNumber, string DisplayName, Address? Address, string Timezone, bool IsActive, bool IsPrimary);

public sealed record AgentBusiness(string Id, string Name);
