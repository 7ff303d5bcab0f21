using System.Text.Json;

namespace MultiPhone.Businesses;

/// <summary>
/// The tenant document. It also holds <see cref="PrimaryPhoneId"/> and <see cref="PhoneSlotsTaken"/>, so that
/// "exactly one primary phone" and "no more phones than the plan allows" are each decided by conditional writes to
/// this one document.
/// </summary>
public sealed record Business
{
    public required string Id { get; init; }

    /// <summary>Partition key; always equal to <see cref="Id"/>.</summary>
    public required string BusinessId { get; init; }

    public required string Name { get; init; }

    public CompanyProfile? CompanyProfile { get; init; }

    public string? PrimaryPhoneId { get; init; }

    /// <summary>The plan; null means the plan every new business starts on.</summary>
    public Subscription? Subscription { get; init; }

    /// <summary>How long history keeps revisions of this business's configuration; null: <see cref="DefaultHistoryRetentionDays"/>.</summary>
    public int? HistoryRetentionDays { get; init; }

    public const int DefaultHistoryRetentionDays = 400;

    /// <summary>
    /// Phones counted against the plan, taken before a phone is created and given back when it is deleted. A count
    /// left too high by an interrupted create or delete is corrected when a create would be refused.
    /// </summary>
    public int PhoneSlotsTaken { get; init; }

    /// <summary>
    /// Bumped by every change to what the business API shows (not by primary-phone changes), so the business ETag
    /// does not go stale when someone adds or promotes a phone.
    /// </summary>
    public long Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Fields of the document this type does not name, kept as they are by every replace: the pre-multi-phone fields
    /// of a legacy business and the migration's record (<c>Migration/LegacyBusiness.cs</c>).
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    [JsonIgnore]
    public string ETag => $"\"v{Version}\"";

    [JsonIgnore]
    public Subscription EffectiveSubscription => Subscription ?? Subscription.Default;
}

public sealed record CompanyProfile
{
    [StringLength(BusinessRules.MaxNameLength)]
    public string? LegalName { get; init; }

    [StringLength(BusinessRules.MaxWebsiteLength)]
    public string? Website { get; init; }

    /// <summary>ISO 3166 alpha-2 country used to read phone numbers written in local format.</summary>
    [StringLength(2, MinimumLength = 2)]
    public string? DefaultCountry { get; init; }
}

/// <summary>Body of <c>PUT /api/v2/businesses/{businessId}</c>.</summary>
[OutputOnlyMembers(typeof(BusinessResponse))]
/// <param name="Name">The business's name.</param>
/// <param name="CompanyProfile">Legal name, website and the country local phone numbers are read in.</param>
/// <param name="HistoryRetentionDays">How long history keeps each revision (1 to 3650 days; 400 when left out).</param>
public sealed record BusinessInput(
    [property: Required, StringLength(BusinessRules.MaxNameLength, MinimumLength = 1)] string? Name,
    CompanyProfile? CompanyProfile = null,
    [property: Range(BusinessRules.MinHistoryRetentionDays, BusinessRules.MaxHistoryRetentionDays)] int? HistoryRetentionDays = null);

public sealed record BusinessResponse(
    string Id,
    string Name,
    CompanyProfile? CompanyProfile,
    int HistoryRetentionDays,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static BusinessResponse From(Business business) => new(
        business.Id, business.Name, business.CompanyProfile, business.HistoryRetentionDays ?? Business.DefaultHistoryRetentionDays,
        business.CreatedAt, business.UpdatedAt);
}
