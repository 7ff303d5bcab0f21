using MultiPhone.Common;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Staff;

/// <summary>
/// Which staff members work at each phone. An assignment can outlive its staff member (the delete's cleanup was
/// interrupted, or a list naming them was written while they were being deleted), so reads join with the staff that
/// exist now and leave the others out.
/// </summary>
public sealed class PhoneStaffService(PhoneNumberService phones, StaffStore store, TimeProvider time)
{
    private const long NeverAssigned = 0;

    public async Task<Result<PhoneStaffView>> GetAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        if (await store.GetAssignmentsAsync(businessId, phoneId, ct) is not { } stored)
        {
            return new PhoneStaffView(phoneId, [], NeverAssigned);
        }
        var staff = await store.FindAsync(businessId, stored.Item.Assignments.Select(a => a.StaffId).ToList(), ct);
        return Join(stored.Item, staff);
    }

    /// <summary>Replaces the phone's whole list under If-Match; <c>"v0"</c> matches a phone that never had one.</summary>
    public async Task<Result<PhoneStaffView>> ReplaceAsync(string businessId, string phoneId, PhoneStaffInput input, string ifMatch, CancellationToken ct)
    {
        var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        var current = await store.GetAssignmentsAsync(businessId, phoneId, ct);
        if (!ETags.Matches(ifMatch, current?.Item.ETag ?? StaffETags.Of(NeverAssigned)))
        {
            return Stale();
        }
        var staff = await store.FindAsync(businessId, StaffRules.StaffIdsOf(input), ct);
        var valid = StaffRules.ValidateAssignments(input, staff.Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var replacement = new PhoneStaffAssignments
        {
            Id = phoneId,
            BusinessId = businessId,
            Assignments = valid.Value,
            Version = (current?.Item.Version ?? NeverAssigned) + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        var written = current is null
            ? await store.CreateAssignmentsAsync(replacement, ct)
            : await store.ReplaceAssignmentsAsync(replacement, current.ETag, ct);
        // Any failure means another request wrote the list first (a create conflicts, a replace is stale).
        return written.Done ? Join(replacement, staff) : Stale();
    }

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

    private static PhoneStaffView Join(PhoneStaffAssignments stored, IEnumerable<StaffMember> staff)
    {
        var byId = staff.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var assigned = stored.Assignments
            .Where(a => byId.ContainsKey(a.StaffId))
            .Select(a => new AssignedStaff(a.StaffId, byId[a.StaffId].Name, a.Role, a.AcceptsTransfers, byId[a.StaffId].Active))
            .ToList();
        return new PhoneStaffView(stored.Id, assigned, stored.Version);
    }

    private static Problem Stale() =>
        Problem.PreconditionFailed("The phone's staff list changed since you read it; read it again and reapply your change.");
}
