using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
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
/// problem. In Azure the console is a Static Web App instead: this serves nothing there, and
/// <c>Console:AllowedOrigins</c> lets that origin call the API (CORS).
/// </summary>
public static partial class ConsoleHosting
{
    public const string CorsPolicy = "console";

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
        var files = new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                // Vite names assets by content hash, so they never change; the index page must always be revalidated.
                context.File.Name == "index.html" ? "no-cache" : "public, max-age=31536000, immutable",
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
