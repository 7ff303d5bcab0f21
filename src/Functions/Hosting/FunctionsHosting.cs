using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace MultiPhone.Functions.Hosting;

/// <summary>
/// What makes this ASP.NET Core app an Azure Functions custom handler: it listens where the Functions host tells it
/// to, and locally it reads the same local.settings.json the Functions tooling uses.
/// </summary>
public static class FunctionsHosting
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const int LocalPort = 7071;

    public static WebApplicationBuilder AddFunctionsCustomHandlerHosting(this WebApplicationBuilder builder, bool readLocalSettings)
    {
        if (readLocalSettings)
        {
            AddLocalSettings(builder.Configuration, builder.Environment.ContentRootPath);
        }
        if (builder.Configuration[CustomHandlerPortVariable] is { Length: > 0 } port)
        {
            // The Functions host forwards every HTTP request to this port on loopback.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls($"http://localhost:{LocalPort}");
        }
        return builder;
    }

    /// <summary>
    /// Loads the "Values" of the committed local.settings.sample.json and, over them, of the developer's own
    /// local.settings.json, both from the function app root (the folder of host.json): the way the Functions host turns
    /// them into environment variables. The sample underneath means a setting added later works without editing
    /// local.settings.json.
    /// </summary>
    private static void AddLocalSettings(ConfigurationManager configuration, string contentRoot)
    {
        var appRoot = FindAppRoot(contentRoot)?.FullName ?? contentRoot;
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

    private static DirectoryInfo? FindAppRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return dir;
            }
        }
        return null;
    }
}
