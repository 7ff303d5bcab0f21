using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.Telephony;

/// <summary>
/// Remembers which inbound messages were handled, so a provider's retry or a replayed request never sends a second
/// auto-reply. The provider's signature carries no timestamp, so the message id is what makes a replay detectable.
/// </summary>
public sealed class WebhookReceipts(Database database, TimeProvider time)
{
    public static readonly ContainerDefinition Definition = new("webhookReceipts", "/id") { PerItemTtl = true };

    /// <summary>Long enough to outlast every retry the provider makes.</summary>
    private const int RetentionSeconds = 7 * 24 * 3600;

    private readonly Container _container = database.GetContainer(Definition.Name);

    /// <summary>True the first time an id is seen; false for a repeat.</summary>
    public async Task<bool> FirstTimeAsync(string kind, string id, CancellationToken ct)
    {
        var receipt = new Receipt($"{kind}:{id}", time.GetUtcNow(), RetentionSeconds);
        var created = await _container.CreateAsync(receipt, new PartitionKey(receipt.Id), ct);
        return created.Done;
    }

    /// <summary>Forgets an id whose handling failed, so the provider's retry is handled instead of ignored.</summary>
    public Task ForgetAsync(string kind, string id) =>
        _container.DeleteAsync($"{kind}:{id}", new PartitionKey($"{kind}:{id}"), ifMatch: null, CancellationToken.None);

    private sealed record Receipt(string Id, DateTimeOffset ReceivedAt, int Ttl);
}

public static class TelephonyRegistration
{
    public static IServiceCollection AddTelephony(this IServiceCollection services)
    {
        services.AddOptions<TelephonyOptions>().BindConfiguration(TelephonyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddCosmosContainer(WebhookReceipts.Definition).AddSingleton<WebhookReceipts>();
    }
}
