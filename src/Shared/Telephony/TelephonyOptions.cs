
namespace MultiPhone.Telephony;

public sealed class TelephonyOptions
{
    public const string Section = "Telephony";

    /// <summary>The provider account's auth token: the key of its request signatures. A secret in Azure.</summary>
    [Required]
    public string AuthToken { get; set; } = "";

    /// <summary>When set, webhooks from any other account are refused.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Where calls are handed to the voice agent (a wss:// media-stream URL).</summary>
    [Required, RegularExpression(@"^wss://\S+$", ErrorMessage = "Telephony:AgentStreamUrl must be a wss:// URL.")]
    public string AgentStreamUrl { get; set; } = "";

    /// <summary>
    /// The public base URL the provider calls (e.g. https://api.example.com). Signatures cover the URL the provider
    /// used, so behind a proxy or the Functions host either set this or configure trusted forwarded headers.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The longest voicemail a caller may leave, in seconds.</summary>
    [Range(10, 600)]
    public int MaxMessageSeconds { get; set; } = 120;
}
