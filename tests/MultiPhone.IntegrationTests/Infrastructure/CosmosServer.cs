using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>A local Cosmos-compatible server of the test's own, on a free port, stopped on dispose.</summary>
public sealed partial class CosmosServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly EmulatorProcess _process;

    private CosmosServer(EmulatorProcess process, string endpoint) => (_process, Endpoint) = (process, endpoint);

    public string Endpoint { get; }

    public static async Task<CosmosServer> StartAsync()
    {
        var folder = Path.Combine(RepoRoot.Path, "tools", "emulators");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@vercel", "cosmosdb-server")))
        {
            throw new InvalidOperationException("The local emulators are not installed: run scripts/test.sh, or `npm ci` in tools/emulators.");
        }
        // Its first line says where it listens.
        var (process, endpoint) = await EmulatorProcess.StartAsync(
            new ProcessStartInfo("node", ["cosmos-server.js", "0"]) { WorkingDirectory = folder }, "The Cosmos server", StartTimeout,
            line => Listening().Match(line) is { Success: true } match
                ? match.Groups["url"].Value
                : throw new InvalidOperationException("Unexpected first line from the Cosmos server: " + line));
        return new CosmosServer(process, endpoint);
    }

    /// <inheritdoc cref="EmulatorProcess.PauseAsync"/>
    public Task PauseAsync() => _process.PauseAsync();

    /// <inheritdoc cref="EmulatorProcess.ResumeAsync"/>
    public Task ResumeAsync() => _process.ResumeAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"listening on (?<url>https://\S+)")]
    private static partial Regex Listening();
}
