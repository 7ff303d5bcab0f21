
namespace MultiPhone.PhoneNumbers;

/// <summary>
/// A location's phone number as stored. Whether it is the primary is not stored here but derived from the business
/// document (see <see cref="PrimaryPhoneRule"/>), so the invariant has a single home.
/// </summary>
public sealed record PhoneNumber
{
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    /// <summary>E.164.</summary>
    [JsonPropertyName("phoneNumber")]
    public required string Number { get; init; }

    public required string DisplayName { get; init; }

    public Address? Address { get; init; }

    /// <summary>IANA time zone id.</summary>
    public required string Timezone { get; init; }

    public required bool IsActive { get; init; }

    /// <summary>Lower-case words that group locations ("downtown", "west-coast"): list filters and bulk edits target them.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Pending until its number is reserved in the index; pending phones are invisible.</summary>
    public required PhoneState State { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Bumped by every update, so realtime messages about the phone can be told apart in order.</summary>
    public long Version { get; init; }

    /// <summary>Cosmos per-item time to live: set on pending phones only, so an abandoned create cleans itself up in Azure.</summary>
    public int? Ttl { get; init; }
}

public enum PhoneState
{
    Pending,
    Ready,
}

public sealed record Address
{
    [StringLength(PhoneNumberRules.MaxAddressFieldLength)]
    public string? Line1 { get; init; }

    [StringLength(PhoneNumberRules.MaxAddressFieldLength)]
    public string? Line2 { get; init; }

    [StringLength(PhoneNumberRules.MaxAddressFieldLength)]
    public string? City { get; init; }

    [StringLength(PhoneNumberRules.MaxAddressFieldLength)]
    public string? Region { get; init; }

    [StringLength(PhoneNumberRules.MaxAddressFieldLength)]
    public string? PostalCode { get; init; }

    /// <summary>ISO 3166 alpha-2.</summary>
    [Required]
    [StringLength(2, MinimumLength = 2)]
    public string? Country { get; init; }
}

/// <summary>
/// Reserves an E.164 number across all businesses: its id is the number, so a second create conflicts.
/// It is valid while the phone it names exists and is ready, or while the reservation is younger than the lease.
/// </summary>
public sealed record PhoneNumberIndexEntry
{
    /// <summary>The E.164 number.</summary>
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    public required string PhoneId { get; init; }

    public required DateTimeOffset ReservedAt { get; init; }
}

/// <summary>Body of POST and PUT on phone numbers.</summary>
[OutputOnlyMembers(typeof(PhoneNumberResponse))]
public sealed record PhoneNumberInput
{
    /// <summary>
    /// Required when creating. Any common format; numbers without a country code use the business's default country.
    /// A PUT may leave it out, or repeat the phone's number: it cannot change.
    /// </summary>
    [StringLength(32)]
    public string? PhoneNumber { get; init; }

    [StringLength(PhoneNumberRules.MaxDisplayNameLength, MinimumLength = 1)]
    [Required]
    public string? DisplayName { get; init; }

    public Address? Address { get; init; }

    /// <summary>IANA time zone id, e.g. America/New_York.</summary>
    [StringLength(64)]
    [Required]
    public string? Timezone { get; init; }

    public bool? IsActive { get; init; }

    public bool? IsPrimary { get; init; }

    /// <summary>
    /// Lower-case words (letters, digits, inner hyphens; at most 40 characters each, 20 per phone) that group
    /// locations. Trimmed and lower-cased; a PUT that leaves them out keeps them.
    /// </summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Creation only: inherit the business defaults live (default), or start from a copy of them.</summary>
    public NewPhoneSettings? Settings { get; init; }
}

public enum NewPhoneSettings
{
    /// <summary>Every section inherits the business defaults, and follows their changes.</summary>
    Inherit,

    /// <summary>Every section starts as the phone's own copy of the current defaults (the template use).</summary>
    CopyDefaults,
}

public sealed record PhoneNumberResponse(
    string Id,
    string BusinessId,
    string PhoneNumber,
    string DisplayName,
    Address? Address,
    string Timezone,
    bool IsActive,
    bool IsPrimary,
    IReadOnlyList<string> Labels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A ready phone together with what is derived from its business: whether it is the primary.</summary>
public sealed record PhoneView(PhoneNumber Phone, string StoredETag, bool IsPrimary)
{
    /// <summary>
    /// The representation depends on two documents, the phone and (for <c>isPrimary</c>) the business, so its ETag
    /// combines the phone document's ETag with the primary flag: a demotion by another request makes an older ETag stale.
    /// </summary>
    public string ETag => $"\"{StoredETag.Trim('"')}.{(IsPrimary ? 'p' : 's')}\"";

    public PhoneNumberResponse ToResponse() => new(
        Phone.Id, Phone.BusinessId, Phone.Number, Phone.DisplayName, Phone.Address, Phone.Timezone,
        Phone.IsActive, IsPrimary, Phone.Labels ?? [], Phone.CreatedAt, Phone.UpdatedAt);
}
