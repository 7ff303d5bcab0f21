using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.PhoneNumbers;

/// <summary>Cosmos access for phones (partitioned by business) and the global number index (partitioned by number).</summary>
public sealed class PhoneNumberStore(Database database)
{
    public static readonly ContainerDefinition PhonesDefinition = new("phoneNumbers", "/businessId") { PerItemTtl = true, KeepsHistory = true };
    public static readonly ContainerDefinition IndexDefinition = new("phoneNumberIndex", "/id");

    private readonly Container _phones = database.GetContainer(PhonesDefinition.Name);
    private readonly Container _index = database.GetContainer(IndexDefinition.Name);

    public Task<Stored<PhoneNumber>?> GetAsync(string businessId, string phoneId, CancellationToken ct) =>
        _phones.ReadAsync<PhoneNumber>(phoneId, new PartitionKey(businessId), ct);

    /// <summary>Every phone document of one business, pending ones included.</summary>
    public Task<List<Stored<PhoneNumber>>> ListAsync(string businessId, CancellationToken ct) =>
        _phones.QueryPartitionAsync<PhoneNumber>(
            new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND {Revision.NotARevision}").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    /// <summary>Creates a pending phone, which nobody sees and history does not record until it is ready.</summary>
    public Task<Write<PhoneNumber>> CreatePendingAsync(PhoneNumber phone, CancellationToken ct) =>
        _phones.CreateAsync(phone, new PartitionKey(phone.BusinessId), ct);

    /// <summary>Creates a phone that is ready at once (a migrated one), with its revision.</summary>
    public Task<Write<PhoneNumber>> CreateAsync(PhoneNumber phone, Revision revision, CancellationToken ct) =>
        _phones.CreateAsync(phone, new PartitionKey(phone.BusinessId), revision, ct);

    public Task<Write<PhoneNumber>> ReplaceAsync(PhoneNumber phone, string ifMatch, Revision revision, CancellationToken ct) =>
        _phones.ReplaceAsync(phone, phone.Id, new PartitionKey(phone.BusinessId), ifMatch, revision, ct);

    /// <summary>Removes a ready phone so the change feed sees it go (ContainerExtensions.RemoveAsync).</summary>
    public Task<WriteStatus> RemoveAsync(PhoneNumber phone, string ifMatch, DateTimeOffset now, Revision revision, CancellationToken ct) =>
        _phones.RemoveAsync(phone, phone.Id, new PartitionKey(phone.BusinessId), ifMatch, now, revision, ct);

    /// <summary>
    /// What the revision of a write of a phone records: its number, name, address, time zone and active flag. A
    /// pending phone has no content yet: making it ready is its creation.
    /// </summary>
    public static RevisionDraft Draft(PhoneNumber? before, PhoneNumber? after)
    {
        var phone = after ?? before!;
        return new RevisionDraft(phone.BusinessId, PhonesDefinition.Name, phone.Id, new RevisionTarget(TargetKind.Phone, phone.Id),
            before is { State: PhoneState.Ready } ? Revisions.Content(before) : null,
            after is null ? null : Revisions.Content(after));
    }

    /// <summary>Deletes an unfinished (pending) phone, which nobody was ever told about.</summary>
    public Task<WriteStatus> DeleteAsync(PhoneNumber phone, string ifMatch, CancellationToken ct) =>
        _phones.DeleteAsync(phone.Id, new PartitionKey(phone.BusinessId), ifMatch, ct);

    public Task<Stored<PhoneNumberIndexEntry>?> GetIndexAsync(string e164, CancellationToken ct) =>
        _index.ReadAsync<PhoneNumberIndexEntry>(e164, new PartitionKey(e164), ct);

    public Task<Write<PhoneNumberIndexEntry>> CreateIndexAsync(PhoneNumberIndexEntry entry, CancellationToken ct) =>
        _index.CreateAsync(entry, new PartitionKey(entry.Id), ct);

    public Task<Write<PhoneNumberIndexEntry>> ReplaceIndexAsync(PhoneNumberIndexEntry entry, string ifMatch, CancellationToken ct) =>
        _index.ReplaceAsync(entry, entry.Id, new PartitionKey(entry.Id), ifMatch, ct);

    public Task<WriteStatus> DeleteIndexAsync(string e164, string ifMatch, CancellationToken ct) =>
        _index.DeleteAsync(e164, new PartitionKey(e164), ifMatch, ct);
}
