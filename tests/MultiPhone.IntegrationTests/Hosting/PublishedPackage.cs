using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Hosting;

/// <summary>The deployable package, built once for the tests that read it by the project's own scripts/publish.sh.</summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"multiphone-publish-{Guid.NewGuid():N}");

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoRoot.Path, "scripts", "publish.sh"), "--output", Folder])
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = publish.StandardOutput.ReadToEndAsync();
        var error = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({publish.ExitCode}):\n{await output}\n{await error}");
        }
    }

    public JsonNode Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))
        ?? throw new InvalidOperationException(file + " is empty");

    public static string Canonical(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
