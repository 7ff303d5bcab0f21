using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace MultiPhone.Functions.Hosting;

/// <summary>
/// The app without the Functions host: Kestrel on http://localhost:7071 (the port the Functions tooling uses), and
/// locally the same local.settings.json the tooling reads.
/// </summary>
public static class StandaloneHosting
{
    public const int LocalPort = 7071;

    public static WebApplicationBuilder AddStandaloneHosting(this WebApplicationBuilder builder, string[] args)
    {
        // The token command is a local tool: it always reads the local settings for the development signing key.
        if (builder.Environment.IsDevelopment() || args is [TokenCommand.Name, ..])
        {
            AddLocalSettings(builder.Configuration, AppContext.BaseDirectory);
        }
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls($"http://localhost:{LocalPort}");
        }
        return builder;
    }

    /// <summary>
    /// Loads the "Values" of local.settings.sample.json (committed) and, over them, of the developer's own
    /// local.settings.json from the function app root (the build output, where the build copies both next to
    /// host.json), the way the Functions host turns them into environment variables. The sample underneath means a
    /// setting added later works without editing local.settings.json.
    /// </summary>
    private static void AddLocalSettings(ConfigurationManager configuration, string appRoot)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in new[] { "local.settings.sample.json", "local.settings.json" }.Select(name => Path.Combine(appRoot, name)).Where(File.Exists))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            foreach (var value in document.RootElement.GetProperty("Values").EnumerateObject())
            {
                values[value.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value.Value.ToString();
            }
        }
        // Environment variables and the command line still win, as they do over local.settings.json under the host.
        var environment = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        configuration.Sources.Insert(
            environment < 0 ? configuration.Sources.Count : environment,
            new MemoryConfigurationSource { InitialData = values });
    }
}
