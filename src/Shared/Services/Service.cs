using MultiPhone.LocationItems;

namespace MultiPhone.Services;

/// <summary>
/// Something the business offers, as stored: business-wide (no <see cref="PhoneId"/>, offered at every phone that has
/// not switched it off) or a phone's own.
/// </summary>
public sealed record Service : CatalogItem
{
    /// <summary>Null for a business-wide service; Cosmos documents then have no <c>phoneId</c> at all.</summary>
    public string? PhoneId { get; init; }

    public override string? OwnerPhoneId => PhoneId;

    public string? Description { get; init; }

    public int? DurationMinutes { get; init; }

    public Price? Price { get; init; }

    public required bool Bookable { get; init; }

    [JsonIgnore]
    public ServiceSource Source => PhoneId is null ? ServiceSource.Business : ServiceSource.Phone;

    public ServiceResponse ToResponse() => new(
        Id, BusinessId, PhoneId, Source, Name, Description, DurationMinutes, Price, Bookable, CreatedAt, UpdatedAt);
}

public sealed record Price
{
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }
}

public enum ServiceSource
{
    Business,
    Phone,
}

/// <summary>Body of POST and PUT on services, business-wide or a phone's own.</summary>
[OutputOnlyMembers(typeof(ServiceResponse))]
public sealed record ServiceInput
{
    [StringLength(ServiceRules.MaxNameLength)]
    [Required]
    public string? Name { get; init; }

    [StringLength(ServiceRules.MaxDescriptionLength)]
    public string? Description { get; init; }

    [Range(ServiceRules.MinDurationMinutes, ServiceRules.MaxDurationMinutes)]
    public int? DurationMinutes { get; init; }

    public PriceInput? Price { get; init; }

    /// <summary>False when created without it; a PUT without it keeps the current value.</summary>
    public bool? Bookable { get; init; }
}

public sealed record PriceInput
{
    /// <summary>At most two decimals.</summary>
    [Range(0, ServiceRules.MaxPriceAmount)]
    [Required]
    public decimal? Amount { get; init; }

    /// <summary>ISO 4217 code, such as USD.</summary>
    [StringLength(ServiceRules.CurrencyCodeLength, MinimumLength = ServiceRules.CurrencyCodeLength)]
    [Required]
    public string? Currency { get; init; }
}

public sealed record ServiceResponse(
    string Id,
    string BusinessId,
    string? PhoneId,
    ServiceSource Source,
    string Name,
    string? Description,
    int? DurationMinutes,
    Price? Price,
    bool Bookable,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A service as one phone offers it: a business-wide one it has not switched off, or its own.</summary>
public sealed record PhoneService(
    string Id,
    ServiceSource Source,
    string Name,
    string? Description,
    int? DurationMinutes,
    Price? Price,
    bool Bookable)
{
    public static PhoneService From(Service service) => new(
        service.Id, service.Source, service.Name, service.Description, service.DurationMinutes, service.Price, service.Bookable);
}

/// <summary>What <c>GET .../phone-numbers/{phoneId}/services</c> shows.</summary>
public sealed record PhoneServicesResponse(IReadOnlyList<PhoneService> Items, IReadOnlyList<string> SwitchedOff);
