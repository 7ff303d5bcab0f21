using System.ComponentModel.DataAnnotations;

namespace MultiPhone.Functions.Auth;

/// <summary>
/// Bearer token settings. Locally tokens are HMAC-signed with <see cref="SigningKey"/> and minted by the app's
/// <c>token</c> command; in Azure, <see cref="Authority"/> names the identity provider whose keys sign them.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    [Required]
    public string Issuer { get; set; } = "";

    [Required]
    public string Audience { get; set; } = "";

    /// <summary>Symmetric key for locally minted tokens (at least 32 characters). Never set in Azure.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect authority whose published keys sign tokens (Azure).</summary>
    public string? Authority { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(SigningKey) == string.IsNullOrEmpty(Authority))
        {
            yield return new ValidationResult("Set exactly one of Auth:SigningKey (local) and Auth:Authority (Azure).",
                [nameof(SigningKey), nameof(Authority)]);
        }
        if (SigningKey is { Length: > 0 and < 32 })
        {
            yield return new ValidationResult("Auth:SigningKey must be at least 32 characters.", [nameof(SigningKey)]);
        }
    }
}
