using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.FileProviders;
using MultiPhone.Functions.Demo;

namespace MultiPhone.Functions.Http;

public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The built settings console (the output of <c>vite build</c> in src/Web). Relative paths are from the content
    /// root; the default is the console's build folder in this repository.
    /// </summary>
    public string Root { get; set; } = Path.Combine("..", "Web", "dist");

    /// <summary>
    /// Origins of a console served elsewhere (the Azure Static Web App) that may call this API from the browser.
    /// Empty (the default): no cross-origin calls, as when the app serves the console itself.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// Serves the settings console at <c>/</c> when the app runs standalone: its static files, and its index page for
/// every client route (<c>/b/demo-dental/phones/…</c>), never for <c>/api/…</c>, so unknown API routes keep their 404
/// problem. Every file goes out with the security headers of the console's <c>staticwebapp.config.json</c>. In Azure
/// the console is a Static Web App instead, which applies that same file: this serves nothing there, and
/// <c>Console:AllowedOrigins</c> lets that origin call the API (CORS).
/// </summary>
public static partial class ConsoleHosting
{
    public const string CorsPolicy = "console";

    /// <summary>The Static Web App's configuration, which Vite copies from src/Web/public into the build.</summary>
    public const string StaticWebAppConfig = "staticwebapp.config.json";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ConsoleOptions>>((cors, console) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(console.Value.AllowedOrigins)
            .WithMethods("GET", "PUT", "POST", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", IdempotencyFilter<object>.Header, "X-Requested-With", "X-SignalR-User-Agent")
            // The console reads ETags for If-Match, and these say what happened to a request.
            .WithExposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        // First in the pipeline, so preflight requests are answered before authentication asks for a token.
        return services.AddTransient<IStartupFilter, ConsoleCorsStartupFilter>();
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
        var securityHeaders = ReadSecurityHeaders(root);
        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                foreach (var (name, value) in securityHeaders)
                {
                    headers[name] = value;
                }
                // Vite names assets by content hash, so they never change; the index page and the files copied as they
                // are (the icon) must be revalidated. The Static Web App's routes say the same.
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        };
        // Client routes (no file extension, no endpoint of their own, outside /api) get the index page. A rewrite
        // rather than a fallback endpoint: a fallback would also turn other methods on unknown /api paths into 405.
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (context.GetEndpoint() is null
                && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && !Path.HasExtension(request.Path.Value))
            {
                request.Path = "/index.html";
            }
            return next(context);
        });
        app.UseStaticFiles(files);
        LogConsoleServed(app.Logger, root);
        return app;
    }

    /// <summary>
    /// The <c>globalHeaders</c> of the console's Static Web App configuration: the one list of its security headers
    /// (CSP, frame-ancestors, nosniff, referrer policy), so the app sends exactly what the Static Web App sends.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ReadSecurityHeaders(string root)
    {
        var path = Path.Combine(root, StaticWebAppConfig);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The settings console in {root} has no {StaticWebAppConfig}, so no security headers: rebuild it (scripts/run.sh does).");
        }
        var headers = JsonNode.Parse(File.ReadAllText(path))?["globalHeaders"]?.AsObject()
            .Select(header => KeyValuePair.Create(header.Key, header.Value?.GetValue<string>() ?? ""))
            .ToList();
        return headers is { Count: > 0 }
            ? headers
            : throw new InvalidOperationException($"{path} has no globalHeaders: the console would be served without its security headers.");
    }

    private sealed class ConsoleCorsStartupFilter(IOptions<ConsoleOptions> options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (options.Value.AllowedOrigins.Length > 0)
            {
                app.UseCors(CorsPolicy);
            }
            next(app);
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the settings console from {Root}")]
    private static partial void LogConsoleServed(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The settings console is not built ({Root} has no index.html): scripts/run.sh builds it")]
    private static partial void LogConsoleMissing(ILogger logger, string root);
}
