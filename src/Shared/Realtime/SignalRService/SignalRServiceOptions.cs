using System.Data.Common;

namespace MultiPhone.Realtime.SignalRService;

/// <summary>
/// Azure SignalR Service (Serverless mode). <see cref="Endpoint"/> alone: the app signs in with its managed identity.
/// <see cref="ConnectionString"/> (<c>Endpoint=...;AccessKey=...;Version=1.0;</c>): requests are signed with the access
/// key, which is a secret (a Key Vault reference in app settings). Neither: the app's own hub (standalone only).
/// </summary>
public sealed class SignalRServiceOptions : IValidatableObject
{
    public const string Section = "SignalR";

    [Url]
    public string? Endpoint { get; set; }

    public string? ConnectionString { get; set; }

    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,127}$")]
    public string Hub { get; set; } = "multiphone";

    /// <summary>How long the token a client connects with lasts; SignalR clients negotiate again on reconnect.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool Configured => !string.IsNullOrEmpty(Endpoint) || !string.IsNullOrEmpty(ConnectionString);

    /// <summary>The service's base URL without a trailing slash, from the connection string or <see cref="Endpoint"/>.</summary>
    public string ServiceEndpoint() => (Parse().Endpoint ?? Endpoint ?? throw new InvalidOperationException("SignalR is not configured.")).TrimEnd('/');

    public string? AccessKey() => Parse().AccessKey;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ConnectionString) && (Parse().Endpoint is null || Parse().AccessKey is null))
        {
            yield return new ValidationResult("SignalR:ConnectionString must have Endpoint= and AccessKey=.", [nameof(ConnectionString)]);
        }
    }

    private (string? Endpoint, string? AccessKey) Parse()
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            return (null, null);
        }
        var parts = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        return (parts.TryGetValue("Endpoint", out var endpoint) ? endpoint as string : null,
                parts.TryGetValue("AccessKey", out var key) ? key as string : null);
    }
}
