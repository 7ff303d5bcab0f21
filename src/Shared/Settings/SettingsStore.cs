using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Settings;

public sealed class SettingsStore(Database database) : IPhoneScopedData
{
    public static readonly ContainerDefinition Definition = new("settings", "/businessId") { KeepsHistory = true };

    private readonly Container _container = database.GetContainer(Definition.Name);

    public Task<Stored<SectionDocument>?> GetAsync(string businessId, string scope, string section, CancellationToken ct) =>
        _container.ReadAsync<SectionDocument>(SectionDocument.IdOf(scope, section), new PartitionKey(businessId), ct);

    /// <summary>Every section layer of one scope: a phone's overrides, or the business defaults.</summary>
    public Task<List<Stored<SectionDocument>>> ListScopeAsync(string businessId, string scope, CancellationToken ct) =>
        _container.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND c.scope = @scope AND {Revision.NotARevision}")
                .WithParameter("@businessId", businessId)
                .WithParameter("@scope", scope),
            new PartitionKey(businessId), ct);

    /// <summary>Every section layer of the business: its defaults and every phone's overrides.</summary>
    public Task<List<Stored<SectionDocument>>> ListAllAsync(string businessId, CancellationToken ct) =>
        _container.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND {Revision.NotARevision}").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    /// <summary>Every layer of one section: the default and each phone's override.</summary>
    public Task<List<Stored<SectionDocument>>> ListSectionAsync(string businessId, string section, CancellationToken ct) =>
        _container.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition($"SELECT * FROM c WHERE c.businessId = @businessId AND c.section = @section AND {Revision.NotARevision}")
                .WithParameter("@businessId", businessId)
                .WithParameter("@section", section),
            new PartitionKey(businessId), ct);

    /// <summary>
    /// Creates the layer when <paramref name="current"/> is null, else replaces it if it is still current; with its
    /// revision, in one batch.
    /// </summary>
    public Task<Write<SectionDocument>> SaveAsync(SectionDocument document, Stored<SectionDocument>? current, Revision revision, CancellationToken ct) =>
        _container.SaveAsync(document, document.Id, new PartitionKey(document.BusinessId), current?.ETag, revision, ct);

    /// <summary>
    /// <see cref="SaveAsync"/> without a revision: the benchmark baseline only
    /// (<see cref="SettingsService.PutWithoutHistoryForBenchmarkAsync{T}"/>).
    /// </summary>
    public Task<Write<SectionDocument>> SaveWithoutHistoryAsync(SectionDocument document, Stored<SectionDocument>? current, CancellationToken ct) =>
        current is null
            ? _container.CreateAsync(document, new PartitionKey(document.BusinessId), ct)
            : _container.ReplaceAsync(document, document.Id, new PartitionKey(document.BusinessId), current.ETag, ct);

    /// <summary>Creates layers that do not exist yet, each with its revision, all or none (not done when any exists).</summary>
    public Task<WriteStatus> CreateAllAsync(string businessId, IReadOnlyList<(SectionDocument Layer, Revision Revision)> layers, CancellationToken ct) =>
        _container.CreateAllAsync(new PartitionKey(businessId), layers, ct);

    /// <summary>What the revision of a write of <paramref name="document"/> records, before the write.</summary>
    public static RevisionDraft Draft(SectionDocument document, SectionDocument? current) => new(
        document.BusinessId, Definition.Name, document.Id,
        document.Scope == SectionDocument.DefaultsScope
            ? new RevisionTarget(TargetKind.DefaultSection, Section: document.Section)
            : new RevisionTarget(TargetKind.PhoneSection, document.Scope, document.Section),
        current?.Value, document.Value)
    {
        Operation = current is null ? RevisionOperation.Create : RevisionOperation.Update,
    };

    public async Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var layers = await ListScopeAsync(businessId, phoneId, ct);
        foreach (var layer in layers)
        {
            await _container.DeleteAsync(layer.Item.Id, new PartitionKey(businessId), ifMatch: null, ct);
        }
    }
}
