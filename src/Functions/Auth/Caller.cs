using System.Security.Claims;

namespace MultiPhone.Functions.Auth;

/// <summary>Ordered: each role can do what the ones below it can.</summary>
public enum BusinessRole
{
    /// <summary>Reads everything of the business.</summary>
    Viewer = 1,

    /// <summary>Also changes settings.</summary>
    Editor = 2,

    /// <summary>Also manages phone numbers, staff, services and the subscription.</summary>
    Admin = 3,
}

public static class PlatformRoles
{
    /// <summary>Operations staff: admin of every business, run migrations.</summary>
    public const string Ops = "ops";

    /// <summary>Voice agents: read the configuration of the number they answer.</summary>
    public const string VoiceAgent = "voice-agent";

    public static readonly string[] All = [Ops, VoiceAgent];
}

/// <summary>Who is calling, read from the bearer token's claims.</summary>
public sealed record Caller(string Subject, IReadOnlyDictionary<string, BusinessRole> Businesses, IReadOnlySet<string> PlatformRoles)
{
    /// <summary>Claim holding "businessId:role" entries, one per business the caller belongs to.</summary>
    public const string BusinessClaim = "businesses";

    public const string RoleClaim = "roles";

    public BusinessRole? RoleIn(string businessId) =>
        PlatformRoles.Contains(Auth.PlatformRoles.Ops) ? BusinessRole.Admin
        : Businesses.TryGetValue(businessId, out var role) ? role
        : null;

    public static Caller From(ClaimsPrincipal user)
    {
        var businesses = new Dictionary<string, BusinessRole>(StringComparer.Ordinal);
        foreach (var claim in user.FindAll(BusinessClaim))
        {
            if (TryParseMembership(claim.Value, out var businessId, out var role))
            {
                // A business named twice keeps its highest role.
                businesses[businessId] = businesses.TryGetValue(businessId, out var other) && other > role ? other : role;
            }
        }
        return new Caller(
            user.FindFirstValue("sub") ?? "",
            businesses,
            user.FindAll(RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    public static bool TryParseMembership(string value, out string businessId, out BusinessRole role)
    {
        var separator = value.LastIndexOf(':');
        businessId = separator > 0 ? value[..separator] : "";
        var name = separator > 0 ? value[(separator + 1)..] : "";
        role = Enum.GetValues<BusinessRole>().FirstOrDefault(r => string.Equals(r.ToString(), name, StringComparison.OrdinalIgnoreCase));
        return role != default;
    }
}
