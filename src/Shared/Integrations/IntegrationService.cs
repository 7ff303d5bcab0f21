using Microsoft.AspNetCore.DataProtection;
using Microsoft.Azure.Cosmos;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;

namespace MultiPhone.Integrations;

/// <summary>
/// Integrations of a business. Secret values are encrypted with ASP.NET Core Data Protection before they reach
/// Cosmos, so neither the API nor a copy of the database reveals them; the key ring is configured by the host.
/// </summary>
public sealed class IntegrationService(Database database, BusinessStore businesses, IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly ContainerDefinition Definition = new("integrations", "/businessId");

    private readonly Container _container = database.GetContainer(Definition.Name);
    private readonly IDataProtector _secrets = protection.CreateProtector("MultiPhone.Integrations.Secrets.v1");

    public async Task<Result<IReadOnlyList<Integration>>> ListAsync(string businessId, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is null)
        {
            return BusinessService.NotFound(businessId);
        }
        var items = await _container.QueryPartitionAsync<Integration>(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", businessId),
            new PartitionKey(businessId), ct);
        return items.Select(i => i.Item).OrderBy(i => i.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<Integration>> GetAsync(string businessId, string integrationId, CancellationToken ct) =>
        await _container.ReadAsync<Integration>(integrationId, new PartitionKey(businessId), ct) is { } found ? found.Item : NotFound(integrationId);

    public async Task<Result<Integration>> CreateAsync(string businessId, IntegrationInput input, CancellationToken ct)
    {
        if (IntegrationRules.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (await businesses.GetAsync(businessId, ct) is null)
        {
            return BusinessService.NotFound(businessId);
        }
        var now = time.GetUtcNow();
        var integration = new Integration
        {
            Id = Guid.NewGuid().ToString(),
            BusinessId = businessId,
            Type = input.Type!.Value,
            Name = input.Name!.Trim(),
            Enabled = input.Enabled ?? true,
            Settings = input.Settings ?? [],
            ProtectedSecrets = Protect(input.Secrets),
            SecretsUpdatedAt = input.Secrets is null ? null : now,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var created = await _container.CreateAsync(integration, new PartitionKey(businessId), ct);
        return created.Stored?.Item ?? throw new InvalidOperationException($"Integration id {integration.Id} collided.");
    }

    public async Task<Result<Integration>> UpdateAsync(string businessId, string integrationId, IntegrationInput input, string ifMatch, CancellationToken ct)
    {
        if (IntegrationRules.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (await _container.ReadAsync<Integration>(integrationId, new PartitionKey(businessId), ct) is not { } current)
        {
            return NotFound(integrationId);
        }
        if (!ETags.Matches(ifMatch, current.Item.ETag))
        {
            return Stale();
        }
        var now = time.GetUtcNow();
        var updated = current.Item with
        {
            Type = input.Type!.Value,
            Name = input.Name!.Trim(),
            Enabled = input.Enabled ?? current.Item.Enabled,
            Settings = input.Settings ?? [],
            ProtectedSecrets = input.Secrets is null ? current.Item.ProtectedSecrets : Protect(input.Secrets),
            SecretsUpdatedAt = input.Secrets is null ? current.Item.SecretsUpdatedAt : now,
            Version = current.Item.Version + 1,
            UpdatedAt = now,
        };
        var replaced = await _container.ReplaceAsync(updated, integrationId, new PartitionKey(businessId), current.ETag, ct);
        return replaced.Done ? updated : Stale();
    }

    public async Task<Result<bool>> DeleteAsync(string businessId, string integrationId, string ifMatch, CancellationToken ct)
    {
        if (await _container.ReadAsync<Integration>(integrationId, new PartitionKey(businessId), ct) is not { } current)
        {
            return NotFound(integrationId);
        }
        if (!ETags.Matches(ifMatch, current.Item.ETag))
        {
            return Stale();
        }
        return await _container.DeleteAsync(integrationId, new PartitionKey(businessId), current.ETag, ct) switch
        {
            WriteStatus.Done => true,
            WriteStatus.Missing => NotFound(integrationId),
            _ => Stale(),
        };
    }

    /// <summary>The plaintext of one secret, for the code that calls the integration; never for API responses.</summary>
    public string Reveal(Integration integration, string name) => _secrets.Unprotect(integration.ProtectedSecrets[name]);

    private Dictionary<string, string> Protect(Dictionary<string, string>? secrets) =>
        (secrets ?? []).ToDictionary(s => s.Key, s => _secrets.Protect(s.Value), StringComparer.Ordinal);

    private static Problem NotFound(string integrationId) => Problem.NotFound($"Integration '{integrationId}' was not found in this business.");

    private static Problem Stale() => Problem.PreconditionFailed("The integration changed since you read it; read it again and reapply your change.");
}

public static class IntegrationsRegistration
{
    /// <summary>Integrations; their secrets are encrypted with Data Protection (see <c>AddKeyRing</c>).</summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services) =>
        services.AddCosmosContainer(IntegrationService.Definition).AddSingleton<IntegrationService>();
}
