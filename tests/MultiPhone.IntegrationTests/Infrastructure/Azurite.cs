using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>
/// Azurite of the test's own (blob, queue and table services on free ports, in memory), stopped on dispose: the storage
/// account the app's Durable backend keeps its task hub in.
/// </summary>
public sealed partial class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's published development account key: local emulator only, not a secret.</summary>
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task _drain;

    private Azurite(Process process, string connectionString, Task drain)
    {
        _process = process;
        ConnectionString = connectionString;
        _drain = drain;
    }

    /// <summary>An <c>AzureWebJobsStorage</c> value for this instance.</summary>
    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync()
    {
        var executable = Path.Combine(RepoRoot.Path, "tools", "emulators", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("The local emulators are not installed: run scripts/test.sh, or `npm ci` in tools/emulators.");
        }
        var start = new ProcessStartInfo(executable,
            ["--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("azurite did not start");
        try
        {
            var ports = new Dictionary<string, string>();
            using var timeout = new CancellationTokenSource(StartTimeout);
            while (ports.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("Azurite exited: " + await process.StandardError.ReadToEndAsync());
                if (Listening().Match(line) is { Success: true } match)
                {
                    ports[match.Groups["service"].Value] = match.Groups["port"].Value;
                }
            }
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentAccountKey
                + $";BlobEndpoint=http://127.0.0.1:{ports["Blob"]}/devstoreaccount1"
                + $";QueueEndpoint=http://127.0.0.1:{ports["Queue"]}/devstoreaccount1"
                + $";TableEndpoint=http://127.0.0.1:{ports["Table"]}/devstoreaccount1;";
            return new Azurite(process, connection, drain);
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

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
