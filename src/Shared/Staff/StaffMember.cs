using MultiPhone.LocationItems;

namespace MultiPhone.Staff;

/// <summary>A person who works for the business, as stored.</summary>
public sealed record StaffMember : CatalogItem
{
    public string? Email { get; init; }

    /// <summary>E.164.</summary>
    public string? Phone { get; init; }

    public required bool Active { get; init; }

    public StaffResponse ToResponse() => new(Id, BusinessId, Name, Email, Phone, Active, CreatedAt, UpdatedAt);
}

/// <summary>Body of POST and PUT on staff.</summary>
[OutputOnlyMembers(typeof(StaffResponse))]
public sealed record StaffInput
{
    [Required]
    [StringLength(StaffRules.MaxNameLength)]
    public string? Name { get; init; }

    [StringLength(StaffRules.MaxEmailLength)]
    public string? Email { get; init; }

    /// <summary>Any common format; numbers without a country code are read with the business's default country.</summary>
    public string? Phone { get; init; }

    /// <summary>True when created without it; a PUT without it keeps the current value.</summary>
    public bool? Active { get; init; }
}

public sealed record StaffResponse(
    string Id,
    string BusinessId,
    string Name,
    string? Email,
    string? Phone,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
