using MultiPhone.LocationItems;

namespace MultiPhone.Staff;

/// <summary>Who works at one phone (location), as stored.</summary>
public sealed record PhoneStaffAssignments : PhoneList
{
    public required IReadOnlyList<StaffAssignment> Assignments { get; init; }
}

public sealed record StaffAssignment
{
    public required string StaffId { get; init; }

    /// <summary>What the person does at this location, such as "Hygienist".</summary>
    public string? Role { get; init; }

    public required bool AcceptsTransfers { get; init; }
}

/// <summary>Body of <c>PUT .../phone-numbers/{phoneId}/staff</c>: the whole list, replacing the current one.</summary>
[OutputOnlyMembers(typeof(PhoneStaffResponse))]
public sealed record PhoneStaffInput
{
    [MaxLength(StaffRules.MaxAssignments)]
    [Required]
    public IReadOnlyList<StaffAssignmentInput?>? Assignments { get; init; }
}

[OutputOnlyMembers(typeof(AssignedStaff))]
public sealed record StaffAssignmentInput
{
    [Required]
    public string? StaffId { get; init; }

    [StringLength(StaffRules.MaxRoleLength)]
    public string? Role { get; init; }

    /// <summary>False when omitted.</summary>
    public bool? AcceptsTransfers { get; init; }
}

/// <summary>A phone's assignments joined with the current staff data, without entries whose staff member is gone.</summary>
public sealed record PhoneStaffView(string PhoneId, IReadOnlyList<AssignedStaff> Assignments, long Version)
{
    /// <summary>
    /// Versions the stored list, which is what a PUT replaces; a staff member's new name changes the body but not the
    /// list, so it does not make a pending edit of the list stale.
    /// </summary>
    public string ETag => VersionETags.Of(Version);

    public PhoneStaffResponse ToResponse() => new(PhoneId, Assignments);
}

public sealed record AssignedStaff(string StaffId, string Name, string? Role, bool AcceptsTransfers, bool Active);

public sealed record PhoneStaffResponse(string PhoneId, IReadOnlyList<AssignedStaff> Assignments);

/// <summary>Someone the voice agent may transfer a call at this phone to.</summary>
public sealed record TransferTarget(string StaffId, string Name, string Phone, string? Role);
