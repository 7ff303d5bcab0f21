using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>A local Cosmos-compatible server of the test's own, on a free port, stopped on dispose.</summary>
public sealed partial class CosmosServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Task _drain;

    private CosmosServer(Process process, string endpoint, Task drain)
    {
        _process = process;
        Endpoint = endpoint;
        _drain = drain;
    }

    public string Endpoint { get; }

    public static async Task<CosmosServer> StartAsync()
    {
        var folder = Path.Combine(RepoRoot.Path, "tools", "emulators");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@vercel", "cosmosdb-server")))
        {
            throw new InvalidOperationException("The local emulators are not installed: run scripts/test.sh, or `npm ci` in tools/emulators.");
        }
        var start = new ProcessStartInfo("node", ["cosmos-server.js", "0"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout)
                ?? throw new InvalidOperationException("The Cosmos server exited: " + await process.StandardError.ReadToEndAsync());
            var endpoint = Listening().Match(line) is { Success: true } match
                ? match.Groups["url"].Value
                : throw new InvalidOperationException("Unexpected first line from the Cosmos server: " + line);
            // Keep reading its output so a full pipe never blocks it.
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            return new CosmosServer(process, endpoint, drain);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        await _drain;
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (?<url>https://\S+)")]
    private static partial Regex Listening();
}
