
namespace MultiPhone.Cosmos;

public sealed class CosmosOptions
{
    public const string Section = "Cosmos";

    [Required, Url]
    public string Endpoint { get; set; } = "";

    /// <summary>
    /// Account key: only for the local server (its well-known key is not a secret). Leave it empty in Azure: the app
    /// then signs in with its managed identity (Azure.Identity), and the account has key access turned off.
    /// </summary>
    public string? Key { get; set; }

    [Required, RegularExpression("^[A-Za-z0-9-]{1,63}$")]
    public string Database { get; set; } = "multiphone";

    /// <summary>Create the database and containers at start when they are missing (local development and tests).</summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>
    /// Accept the self-signed certificate of a local Cosmos-compatible server. Honoured only when the endpoint is a
    /// loopback address, so a misconfigured deployment can never talk to a remote endpoint without TLS checks.
    /// </summary>
    public bool AcceptLoopbackSelfSignedCertificate { get; set; }

    /// <summary>
    /// The longest any one Cosmos operation made for an HTTP request may take, the SDK's retries included; past it the
    /// request answers a 503 problem with Retry-After instead of waiting on a database that does not answer. Voice
    /// agents wait seconds for a call's configuration (7.5 s, 10 s), so this stays well below.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gateway works everywhere (and is the only mode the local server speaks); Direct is faster in Azure.</summary>
    public Microsoft.Azure.Cosmos.ConnectionMode ConnectionMode { get; set; } = Microsoft.Azure.Cosmos.ConnectionMode.Gateway;
}
