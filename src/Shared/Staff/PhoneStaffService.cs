using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Staff;

/// <summary>
/// Which staff members work at each phone. An assignment can outlive its staff member (the delete's cleanup was
/// interrupted, or a list naming them was written while they were being deleted), so reads join with the staff that
/// exist now and leave the others out.
/// </summary>
public sealed class PhoneStaffService(PhoneNumberService phones, StaffStore store, TimeProvider time)
    : PhoneListService<PhoneStaffAssignments, StaffMember, PhoneStaffInput, PhoneStaffView>(phones, store, listable: null, time)
{
    /// <summary>Who at this phone takes transfers, given its assignments and (at least) the staff they name.</summary>
    public static IReadOnlyList<TransferTarget> TransferTargets(PhoneStaffAssignments? assignments, IEnumerable<StaffMember> staff)
    {
        var byId = staff.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var targets = new List<TransferTarget>();
        foreach (var assignment in assignments?.Assignments.Where(a => a.AcceptsTransfers) ?? [])
        {
            if (byId.GetValueOrDefault(assignment.StaffId) is { Active: true, Phone: { } phone } member)
            {
                targets.Add(new TransferTarget(member.Id, member.Name, phone, assignment.Role));
            }
        }
        return targets;
    }

    protected override PhoneStaffAssignments Empty(string businessId, string phoneId) => new()
    {
        Id = phoneId, BusinessId = businessId, Assignments = [], Version = VersionETags.NeverWritten, UpdatedAt = DateTimeOffset.MinValue,
    };

    protected override IReadOnlyCollection<string> NamedIn(PhoneStaffAssignments list) => [.. list.Assignments.Select(a => a.StaffId)];

    protected override IReadOnlyCollection<string> NamedIn(PhoneStaffInput input) => StaffRules.StaffIdsOf(input);

    protected override Result<PhoneStaffAssignments> Apply(PhoneStaffInput input, PhoneStaffAssignments list, IReadOnlySet<string> found)
    {
        var valid = StaffRules.ValidateAssignments(input, found);
        return valid.IsOk ? list with { Assignments = valid.Value } : valid.Problem;
    }

    protected override PhoneStaffView View(PhoneStaffAssignments list, IReadOnlyList<StaffMember> items)
    {
        var byId = items.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var assigned = list.Assignments
            .Where(a => byId.ContainsKey(a.StaffId))
            .Select(a => new AssignedStaff(a.StaffId, byId[a.StaffId].Name, a.Role, a.AcceptsTransfers, byId[a.StaffId].Active))
            .ToList();
        return new PhoneStaffView(list.Id, assigned, list.Version);
    }

    protected override Problem Stale() =>
        Problem.PreconditionFailed("The phone's staff list changed since you read it; read it again and reapply your change.");
}
