using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Staff;

/// <summary>Cosmos access for staff members and the per-phone assignment lists, both partitioned by business.</summary>
public sealed class StaffStore(Database database) : IPhoneScopedData
{
    /// <summary>Per-item TTL: a removed member stays a while for the change feed (ContainerExtensions.RemoveAsync).</summary>
    public static readonly ContainerDefinition StaffDefinition = new("staff", "/businessId") { PerItemTtl = true };
    public static readonly ContainerDefinition AssignmentsDefinition = new("staffAssignments", "/businessId");

    private readonly Container _staff = database.GetContainer(StaffDefinition.Name);
    private readonly Container _assignments = database.GetContainer(AssignmentsDefinition.Name);

    /// <summary>
    /// Null for anything but an id this store issues (a GUID): such an id names nothing, and some (a blank, a backslash)
    /// are not valid Cosmos ids, which Cosmos answers with an error instead of 404.
    /// </summary>
    public async Task<Stored<StaffMember>?> GetAsync(string businessId, string staffId, CancellationToken ct) =>
        Guid.TryParseExact(staffId, "D", out _) ? await _staff.ReadAsync<StaffMember>(staffId, new PartitionKey(businessId), ct) : null;

    public Task<List<Stored<StaffMember>>> ListAsync(string businessId, CancellationToken ct) =>
        _staff.QueryPartitionAsync<StaffMember>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    /// <summary>The staff members of the business among <paramref name="staffIds"/>; ids of anyone else are simply not found.</summary>
    public async Task<List<StaffMember>> FindAsync(string businessId, IReadOnlyCollection<string> staffIds, CancellationToken ct)
    {
        if (staffIds.Count == 0)
        {
            return [];
        }
        var found = await _staff.QueryPartitionAsync<StaffMember>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId AND ARRAY_CONTAINS(@ids, c.id)")
                .WithParameter("@businessId", businessId)
                .WithParameter("@ids", staffIds),
            new PartitionKey(businessId), ct);
        return found.Select(s => s.Item).ToList();
    }

    public Task<Write<StaffMember>> CreateAsync(StaffMember member, CancellationToken ct) =>
        _staff.CreateAsync(member, new PartitionKey(member.BusinessId), ct);

    public Task<Write<StaffMember>> ReplaceAsync(StaffMember member, string ifMatch, CancellationToken ct) =>
        _staff.ReplaceAsync(member, member.Id, new PartitionKey(member.BusinessId), ifMatch, ct);

    public Task<WriteStatus> RemoveAsync(StaffMember member, string ifMatch, DateTimeOffset now, CancellationToken ct) =>
        _staff.RemoveAsync(member, member.Id, new PartitionKey(member.BusinessId), ifMatch, now, ct);

    public Task<Stored<PhoneStaffAssignments>?> GetAssignmentsAsync(string businessId, string phoneId, CancellationToken ct) =>
        _assignments.ReadAsync<PhoneStaffAssignments>(phoneId, new PartitionKey(businessId), ct);

    /// <summary>Every phone's assignment list in the business.</summary>
    public Task<List<Stored<PhoneStaffAssignments>>> ListAssignmentsAsync(string businessId, CancellationToken ct) =>
        _assignments.QueryPartitionAsync<PhoneStaffAssignments>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    public Task<Write<PhoneStaffAssignments>> CreateAssignmentsAsync(PhoneStaffAssignments assignments, CancellationToken ct) =>
        _assignments.CreateAsync(assignments, new PartitionKey(assignments.BusinessId), ct);

    public Task<Write<PhoneStaffAssignments>> ReplaceAssignmentsAsync(PhoneStaffAssignments assignments, string ifMatch, CancellationToken ct) =>
        _assignments.ReplaceAsync(assignments, assignments.Id, new PartitionKey(assignments.BusinessId), ifMatch, ct);

    public Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        _assignments.DeleteAsync(phoneId, new PartitionKey(businessId), ifMatch: null, ct);
}
