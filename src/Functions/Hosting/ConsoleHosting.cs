using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MultiPhone.Functions.Demo;

namespace MultiPhone.Functions.Hosting;

public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The built settings console (the output of <c>vite build</c> in src/Web). Relative paths are from the content
    /// root; the default is the console's build folder in this repository.
    /// </summary>
    public string Root { get; set; } = Path.Combine("..", "Web", "dist");
}

/// <summary>
/// Serves the settings console at <c>/</c> when the app runs standalone: its static files, and its index page for
/// every client route (<c>/b/demo-dental/phones/…</c>), never for <c>/api/…</c>, so unknown API routes keep their 404
/// problem. In Azure the console is a Static Web App instead and this serves nothing.
/// </summary>
public static partial class ConsoleHosting
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapDemoSignIn();
        var root = Path.GetFullPath(app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Root, app.Environment.ContentRootPath);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogConsoleMissing(app.Logger, root);
            return app;
        }
        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                // Vite names assets by content hash, so they never change; the index page must always be revalidated.
                context.File.Name == "index.html" ? "no-cache" : "public, max-age=31536000, immutable",
        };
        // "/" itself is served as the folder's default file: the fallback's constraint cannot match an empty path.
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files.FileProvider });
        app.UseStaticFiles(files);
        // Client routes have no file extension; /api and everything below it is left to the API's own 404.
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api(/|$)).*$)}", "index.html", files).AllowAnonymous();
        LogConsoleServed(app.Logger, root);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the settings console from {Root}")]
    private static partial void LogConsoleServed(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The settings console is not built ({Root} has no index.html): scripts/run.sh builds it")]
    private static partial void LogConsoleMissing(ILogger logger, string root);
}
