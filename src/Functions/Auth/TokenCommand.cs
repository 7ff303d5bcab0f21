
namespace MultiPhone.Functions.Auth;

/// <summary>
/// <c>scripts/token.sh --sub USER --business ID:ROLE [--business ID:ROLE ...]
/// [--platform-role ops|voice-agent] [--hours N]</c>: prints a token signed with the local development key.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    /// <summary>A local token lives at most a year.</summary>
    private const double MaxHours = 24 * 366;

    private const string Usage =
        "usage: token --sub USER [--business ID:viewer|editor|admin ...] [--platform-role ops|voice-agent ...] [--hours N (at most 8784)]";

    public static int Run(string[] args, TokenIssuer issuer, TextWriter output, TextWriter error)
    {
        string? subject = null;
        var businesses = new List<(string, BusinessRole)>();
        var platformRoles = new List<string>();
        TimeSpan? lifetime = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sub" when value is not null:
                    subject = value;
                    break;
                case "--business" when value is not null && Caller.TryParseMembership(value, out var businessId, out var role):
                    businesses.Add((businessId, role));
                    break;
                case "--platform-role" when value is not null && PlatformRoles.All.Contains(value):
                    platformRoles.Add(value);
                    break;
                case "--hours" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var hours) && hours is > 0 and <= MaxHours:
                    lifetime = TimeSpan.FromHours(hours);
                    break;
                default:
                    error.WriteLine($"token: unexpected '{args[i]}' {value}".TrimEnd());
                    error.WriteLine(Usage);
                    return 2;
            }
            i++;
        }
        if (string.IsNullOrWhiteSpace(subject))
        {
            error.WriteLine(Usage);
            return 2;
        }
        try
        {
            output.WriteLine(issuer.Issue(subject, businesses, platformRoles, lifetime));
            return 0;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            error.WriteLine($"token: {e.Message} Tokens are minted with the local Auth:SigningKey of local.settings.json.");
            return 1;
        }
    }
}
