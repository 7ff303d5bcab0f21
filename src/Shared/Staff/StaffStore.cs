using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.LocationItems;

namespace MultiPhone.Staff;

/// <summary>Cosmos access for staff members and the per-phone assignment lists.</summary>
public sealed class StaffStore(Database database, Revisions revisions) : LocationItemsStore<StaffMember, PhoneStaffAssignments>(
    database, revisions, (StaffDefinition, TargetKind.Staff), (AssignmentsDefinition, TargetKind.StaffAssignments))
{
    /// <summary>Per-item TTL: a removed member stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public static readonly ContainerDefinition StaffDefinition = new("staff", "/businessId") { PerItemTtl = true, KeepsHistory = true };
    public static readonly ContainerDefinition AssignmentsDefinition = new("staffAssignments", "/businessId") { KeepsHistory = true };

    public Task<List<Stored<StaffMember>>> ListAsync(string businessId, CancellationToken ct) => Items.QueryAsync(businessId, null, ct);

    public Task<Stored<PhoneStaffAssignments>?> GetAssignmentsAsync(string businessId, string phoneId, CancellationToken ct) =>
        Lists.GetAsync(businessId, phoneId, ct);

    public Task<List<Stored<PhoneStaffAssignments>>> ListAssignmentsAsync(string businessId, CancellationToken ct) =>
        Lists.ListAsync(businessId, ct);
}
