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
    private readonly EmulatorProcess _process;

    private Azurite(EmulatorProcess process, string connectionString) => (_process, ConnectionString) = (process, connectionString);

    /// <summary>An <c>AzureWebJobsStorage</c> value for this instance.</summary>
    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync()
    {
        var executable = Path.Combine(RepoRoot.Path, "tools", "emulators", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("The local emulators are not installed: run scripts/test.sh, or `npm ci` in tools/emulators.");
        }
        var ports = new Dictionary<string, string>();
        var (process, connection) = await EmulatorProcess.StartAsync(
            new ProcessStartInfo(executable,
                ["--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0"]),
            "Azurite", StartTimeout, line =>
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    ports[match.Groups["service"].Value] = match.Groups["port"].Value;
                }
                return ports.Count < 3
                    ? null
                    : "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentAccountKey
                        + $";BlobEndpoint=http://127.0.0.1:{ports["Blob"]}/devstoreaccount1"
                        + $";QueueEndpoint=http://127.0.0.1:{ports["Queue"]}/devstoreaccount1"
                        + $";TableEndpoint=http://127.0.0.1:{ports["Table"]}/devstoreaccount1;";
            });
        return new Azurite(process, connection);
    }

    /// <inheritdoc cref="EmulatorProcess.PauseAsync"/>
    public Task PauseAsync() => _process.PauseAsync();

    /// <inheritdoc cref="EmulatorProcess.ResumeAsync"/>
    public Task ResumeAsync() => _process.ResumeAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
