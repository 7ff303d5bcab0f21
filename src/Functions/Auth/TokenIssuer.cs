using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MultiPhone.Functions.Auth;

/// <summary>Mints locally signed tokens: for the <c>token</c> command, the demo data and the tests.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    /// <param name="subject">Who (the <c>sub</c> claim).</param>
    /// <param name="businesses">The businesses the subject belongs to, with a role in each.</param>
    /// <param name="platformRoles">Platform roles (ops, voice-agent).</param>
    /// <param name="lifetime">How long the token lasts; <see cref="AuthOptions.TokenLifetime"/> when null.</param>
    /// <param name="name">A display name (the <c>name</c> claim), which history shows beside the subject.</param>
    public string Issue(
        string subject, IEnumerable<(string BusinessId, BusinessRole Role)> businesses, IEnumerable<string> platformRoles, TimeSpan? lifetime = null, string? name = null)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.SigningKey))
        {
            throw new InvalidOperationException("Tokens can be minted only with a local Auth:SigningKey.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? settings.TokenLifetime),
            SigningCredentials = new SigningCredentials(SigningKey(settings.SigningKey), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                [Caller.BusinessClaim] = businesses.Select(b => $"{b.BusinessId}:{b.Role.ToString().ToLowerInvariant()}").ToArray(),
                [Caller.RoleClaim] = platformRoles.ToArray(),
            },
        };
        if (name is not null)
        {
            descriptor.Claims["name"] = name;
        }
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static SymmetricSecurityKey SigningKey(string key) => new(Encoding.UTF8.GetBytes(key));
}
