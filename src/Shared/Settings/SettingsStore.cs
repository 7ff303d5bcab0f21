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

    /// <summary>Every section layer of a phone and of its business's defaults, in one single-partition query.</summary>
    public Task<List<Stored<SectionDocument>>> ListForPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        _container.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId AND (c.scope = @phoneId OR c.scope = @defaults)")
                .WithParameter("@businessId", businessId)
                .WithParameter("@phoneId", phoneId)
                .WithParameter("@defaults", SectionDocument.DefaultsScope),
            new PartitionKey(businessId), ct);

    /// <summary>Creates the layer when <paramref name="current"/> is null, else replaces it if it is still current.</summary>
    public Task<Write<SectionDocument>> SaveAsync(SectionDocument document, Stored<SectionDocument>? current, CancellationToken ct) =>
        current is null
            ? _container.CreateAsync(document, new PartitionKey(document.BusinessId), ct)
            : _container.ReplaceAsync(document, document.Id, new PartitionKey(document.BusinessId), current.ETag, ct);

    public async Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var layers = await _container.QueryPartitionAsync<SectionDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId AND c.scope = @phoneId")
                .WithParameter("@businessId", businessId)
                .WithParameter("@phoneId", phoneId),
            new PartitionKey(businessId), ct);
        foreach (var layer in layers)
        {
            await _container.DeleteAsync(layer.Item.Id, new PartitionKey(businessId), ifMatch: null, ct);
        }
    }
}
