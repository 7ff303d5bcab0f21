using System.Diagnostics.CodeAnalysis;

namespace MultiPhone.Bench;

/// <summary>
/// Finds the bearer token. The bench creates its own business, which only platform role <c>ops</c> may do for an
/// arbitrary id, so from a tokens file it takes the <c>ops=</c> line.
/// </summary>
internal static class TokenSource
{
    private const string OpsPrefix = "ops=";

    public static bool TryResolve(BenchOptions options, [NotNullWhen(true)] out string? token, [NotNullWhen(false)] out string? error)
    {
        token = options.Token;
        error = null;
        if (token is not null)
        {
            return true;
        }
        var path = Path.GetFullPath(options.TokensFile ?? BenchOptions.DefaultTokensFile);
        if (!File.Exists(path))
        {
            error = $"No token: pass --token, or --tokens-file with an '{OpsPrefix}' line ({path} does not exist).";
            return false;
        }
        token = File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(OpsPrefix, StringComparison.Ordinal))
            .Select(line => line[OpsPrefix.Length..].Trim())
            .FirstOrDefault(value => value.Length > 0);
        if (token is null)
        {
            error = $"No token: {path} has no '{OpsPrefix}' line; the bench needs platform role ops.";
            return false;
        }
        return true;
    }
}
