using MultiPhone.Businesses;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.Migration;

/// <summary>
/// A business as the pre-multi-phone app stored it: the same document of the <c>businesses</c> container (the seed's
/// "businesses table"), whose fields then included the one phone number, as typed, and everything configured for it.
/// The migration reads these fields and leaves them in place, as the record of what it migrated; the business API does
/// not show them (<see cref="Business.OtherFields"/> keeps them through its writes). Services had no phone then: they
/// are the business-wide documents of the <c>services</c> container, which every phone offers, so nothing moves there.
/// </summary>
public sealed record LegacyBusiness
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public CompanyProfile? CompanyProfile { get; init; }

    /// <summary>Free-form, as entered: any format, sometimes invalid, blank or missing.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>What was entered: an IANA id, a Windows id, an abbreviation, or nothing.</summary>
    public string? Timezone { get; init; }

    public Address? Address { get; init; }

    public VoiceSettings? VoiceSettings { get; init; }

    public ConversationRules? ConversationRules { get; init; }

    public SmsSettings? SmsSettings { get; init; }

    public OperatingHours? OperatingHours { get; init; }

    /// <summary>Set by the multi-phone app: the primary phone.</summary>
    public string? PrimaryPhoneId { get; init; }

    public int PhoneSlotsTaken { get; init; }

    /// <summary>Set by the migration once the business is multi-phone; its absence means "not migrated".</summary>
    public LegacyMigrationRecord? Migration { get; init; }

    /// <summary>Whether the document has any pre-multi-phone field; a business created through v2 has none.</summary>
    public bool HasLegacyFields =>
        PhoneNumber is not null || Timezone is not null || Address is not null || VoiceSettings is not null
        || ConversationRules is not null || SmsSettings is not null || OperatingHours is not null;
}

/// <summary>What the migration wrote on the business when it finished it.</summary>
public sealed record LegacyMigrationRecord(string RunId, DateTimeOffset MigratedAt, string PhoneId, string PhoneNumber);

/// <summary>
/// The legacy app's call routing: which business a dialed number (E.164, as the telephony provider sends it) reached.
/// Only numbers that could receive calls are in it; where two businesses typed the same number, it names the one the
/// calls went to. The migration gives that business the number, and an inbound call to a number no phone has yet
/// finds its business here (<see cref="LazyMigration"/>).
/// </summary>
public sealed record LegacyNumberRoute
{
    /// <summary>The E.164 number.</summary>
    public required string Id { get; init; }

    public required string BusinessId { get; init; }
}
