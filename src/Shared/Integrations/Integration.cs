
namespace MultiPhone.Integrations;

public enum IntegrationType
{
    Webhook,
    GoogleCalendar,
    Calendly,
    Salesforce,
    HubSpot,
    Slack,
    Zapier,
}

/// <summary>A connection to another system. Secret values are stored encrypted and are never returned.</summary>
public sealed record Integration
{
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    public required IntegrationType Type { get; init; }

    public required string Name { get; init; }

    public required bool Enabled { get; init; }

    public required Dictionary<string, string> Settings { get; init; }

    /// <summary>Name → value encrypted with ASP.NET Core Data Protection.</summary>
    public required Dictionary<string, string> ProtectedSecrets { get; init; }

    public DateTimeOffset? SecretsUpdatedAt { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public string ETag => $"\"v{Version}\"";
}

/// <summary>Body of POST and PUT on integrations.</summary>
[OutputOnlyMembers(typeof(IntegrationResponse))]
public sealed record IntegrationInput
{
    [Required]
    public IntegrationType? Type { get; init; }

    [StringLength(IntegrationRules.MaxNameLength)]
    [Required]
    public string? Name { get; init; }

    /// <summary>Defaults to true on creation; keeps its value when omitted on update.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Non-secret configuration, returned as given (at most 20 entries).</summary>
    public Dictionary<string, string>? Settings { get; init; }

    /// <summary>Write-only: stored encrypted, never returned. Omit to keep the stored ones; {} removes them all.</summary>
    public Dictionary<string, string>? Secrets { get; init; }
}

public sealed record IntegrationResponse(
    string Id,
    IntegrationType Type,
    string Name,
    bool Enabled,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<string> SecretNames,
    DateTimeOffset? SecretsUpdatedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IntegrationResponse From(Integration integration) => new(
        integration.Id, integration.Type, integration.Name, integration.Enabled, integration.Settings,
        [.. integration.ProtectedSecrets.Keys.Order(StringComparer.Ordinal)], integration.SecretsUpdatedAt,
        integration.CreatedAt, integration.UpdatedAt);
}

public sealed record IntegrationList(IReadOnlyList<IntegrationResponse> Items);
