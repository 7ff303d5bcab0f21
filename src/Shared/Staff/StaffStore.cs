using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Staff;

/// <summary>Cosmos access for staff members and the per-phone assignment lists, both partitioned by business.</summary>
public sealed class StaffStore(Database database) : IPhoneScopedData
{
    /// <summary>Per-item TTL: a removed member stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public static readonly ContainerDefinition StaffDefinition = new("staff", "/businessId") { PerItemTtl = true };
    public static readonly ContainerDefinition AssignmentsDefinition = new("staffAssignments", "/businessId");

    public CatalogStore<StaffMember> Members { get; } = new(database.GetContainer(StaffDefinition.Name));

    public PhoneListStore<PhoneStaffAssignments> Assignments { get; } = new(database.GetContainer(AssignmentsDefinition.Name));

    public Task<List<Stored<StaffMember>>> ListAsync(string businessId, CancellationToken ct) => Members.QueryAsync(businessId, null, ct);

    public Task<Stored<PhoneStaffAssignments>?> GetAssignmentsAsync(string businessId, string phoneId, CancellationToken ct) =>
        Assignments.GetAsync(businessId, phoneId, ct);

    public Task<List<Stored<PhoneStaffAssignments>>> ListAssignmentsAsync(string businessId, CancellationToken ct) =>
        Assignments.ListAsync(businessId, ct);

    public Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        Assignments.DeleteAsync(businessId, phoneId, ct);
}
