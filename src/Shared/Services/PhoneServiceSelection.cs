using MultiPhone.LocationItems;

namespace MultiPhone.Services;

/// <summary>
/// The business-wide services one phone does not offer, as stored: one document per phone. Deleting a business-wide
/// service does not touch these documents; every read ignores ids that are no longer business-wide services.
/// </summary>
public sealed record PhoneServiceSelection : PhoneList
{
    public required IReadOnlyList<string> BusinessServiceIds { get; init; }
}

/// <summary>Body of <c>PUT .../phone-numbers/{phoneId}/services/switched-off</c>: the whole list, replacing the current one.</summary>
public sealed record SwitchedOffInput
{
    [MaxLength(ServiceRules.MaxSwitchedOff)]
    [Required]
    public IReadOnlyList<string?>? BusinessServiceIds { get; init; }
}

public sealed record SwitchedOffResponse(IReadOnlyList<string> BusinessServiceIds);

/// <summary>A phone's switched-off business services that still exist, with the version of the stored list.</summary>
public sealed record SwitchedOffView(IReadOnlyList<string> BusinessServiceIds, long Version)
{
    public string ETag => VersionETags.Of(Version);

    public SwitchedOffResponse ToResponse() => new(BusinessServiceIds);
}
