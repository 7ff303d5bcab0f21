using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Settings;

public sealed class SettingsStore(Database database) : IPhoneScopedData
{
    public static readonly ContainerDefinition Definition = new("settings", "/businessId");

    private readonly Container _container = database.GetContainer(Definition.Name);

    public Task<Stored<SectionDocument>?> GetAsync(string businessId, string scope, string section, CancellationToken ct) =>
        _container.ReadAsync<SectionDocument>(SectionDocument.IdOf(scope, section), new PartitionKey(businessId), ct);

    /// <summary>Every section layer of one scope: a phone's overrides, or the business defaults.</summary>
    public Task<List<Stored<SectionDocument>>> ListScopeAsync(string businessId, string scope, CancellationToken ct) =>
        _container.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId AND c.scope = @scope")
                .WithParameter("@businessId", businessId)
                .WithParameter("@scope", scope),
            new PartitionKey(businessId), ct);

    /// <summary>Every section layer of the business: its defaults and every phone's overrides.</summary>
    public Task<List<Stored<SectionDocument>>> ListAllAsync(string businessId, CancellationToken ct) =>
        _container.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);

    /// <summary>Creates the layer when <paramref name="current"/> is null, else replaces it if it is still current.</summary>
    public Task<Write<SectionDocument>> SaveAsync(SectionDocument document, Stored<SectionDocument>? current, CancellationToken ct) =>
        current is null
            ? _container.CreateAsync(document, new PartitionKey(document.BusinessId), ct)
            : _container.ReplaceAsync(document, document.Id, new PartitionKey(document.BusinessId), current.ETag, ct);

    public async Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var layers = await ListScopeAsync(businessId, phoneId, ct);
        foreach (var layer in layers)
        {
            await _container.DeleteAsync(layer.Item.Id, new PartitionKey(businessId), ifMatch: null, ct);
        }
    }
}
