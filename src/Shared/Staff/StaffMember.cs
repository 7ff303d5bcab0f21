using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MultiPhone.Common;

namespace MultiPhone.Staff;

/// <summary>A person who works for the business, as stored.</summary>
public sealed record StaffMember
{
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    public required string Name { get; init; }

    public string? Email { get; init; }

    /// <summary>E.164.</summary>
    public string? Phone { get; init; }

    public required bool Active { get; init; }

    /// <summary>Bumped by every change, so the ETag does not depend on how Cosmos versions the document.</summary>
    public required long Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public string ETag => StaffETags.Of(Version);

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

/// <summary>The ETags of staff resources: a version counter, <c>"v0"</c> for a list that was never written.</summary>
public static class StaffETags
{
    public static string Of(long version) => $"\"v{version}\"";
}
