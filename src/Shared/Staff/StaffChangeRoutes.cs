using MultiPhone.Realtime;

namespace MultiPhone.Staff;

/// <summary>A staff member changed: the business channel, and the settings channel of each phone they are assigned to.</summary>
internal sealed class StaffChangeRoute(IStaffAssignmentsSource staff) : IChangeRoute
{
    public string Container => StaffStore.StaffDefinition.Name;

    public async Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var member = change.As<StaffMember>();
        var version = member.Version + (change.IsRemoved ? 1 : 0);
        var messages = new List<ChangeMessage>
        {
            ChangeMessage.About(change, Channel.Business(member.BusinessId), "staff.changed", null, "staff", version, member.Id, ChangeMessage.Removed(change)),
        };
        foreach (var assignments in await reads.OnceAsync("staffAssignments", member.BusinessId, () => staff.AssignmentsAsync(member.BusinessId, ct)))
        {
            if (assignments.Assignments.Any(a => a.StaffId == member.Id))
            {
                messages.Add(ChangeMessage.About(change, Channel.PhoneSettings(assignments.Id), "phone.settings.changed", assignments.Id, "staff", version, member.Id, ChangeMessage.Removed(change)));
            }
        }
        return messages;
    }
}

/// <summary>Where the staff change route reads which phones a business's staff are assigned to.</summary>
internal interface IStaffAssignmentsSource
{
    Task<IReadOnlyList<PhoneStaffAssignments>> AssignmentsAsync(string businessId, CancellationToken ct);
}

internal sealed class CosmosStaffAssignments(StaffStore staff) : IStaffAssignmentsSource
{
    public async Task<IReadOnlyList<PhoneStaffAssignments>> AssignmentsAsync(string businessId, CancellationToken ct) =>
        [.. (await staff.ListAssignmentsAsync(businessId, ct)).Select(a => a.Item)];
}
