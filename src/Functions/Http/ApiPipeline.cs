using MultiPhone.Cosmos;
using MultiPhone.Functions.Api;
using MultiPhone.Functions.Hosting;
using MultiPhone.Realtime;

namespace MultiPhone.Functions.Http;

/// <summary>
/// The one HTTP pipeline of the app: middleware and route table. Standalone it is the web app's own pipeline; under
/// the Functions host the worker's web server is fixed by the worker (forwarded headers, routing to functions), so
/// the same pipeline is built here once and the Api function hands every request to it.
/// </summary>
public sealed class ApiPipeline(IServiceProvider services)
{
    private readonly RequestDelegate _pipeline = new ApplicationBuilder(services).UseApi().Build();

    /// <summary>
    /// Runs a request the worker has already routed to the Api function. Its routing result (the function's endpoint
    /// and the <c>route</c> value) is cleared, or the app's routing would skip matching the request itself.
    /// </summary>
    public Task RunAsync(HttpContext context)
    {
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return _pipeline(context);
    }
}

public static class ApiPipelineExtensions
{
    public static IApplicationBuilder UseApi(this IApplicationBuilder app)
    {
        // Every Cosmos call a request makes ends within Cosmos:RequestDeadline (a 503 problem past it).
        app.Use((context, next) =>
        {
            CosmosDeadline.ApplyToCurrentFlow();
            return next(context);
        });
        app.UseTrustedProxies();
        app.UseApiConventions();
        app.UseRouting();
        // These need the matched endpoint: whether it is deprecated, which parameters it reads. Before authentication,
        // so a refusal is marked deprecated too and a malformed id is refused whoever asks.
        app.UseDeprecationHeaders();
        app.UseRequestRules();
        app.UseAuthentication();
        // What this request writes records its caller as the author: the changedBy of realtime messages, and who,
        // in which role, in answer to which request, in the revisions of history.
        app.Use((context, next) =>
        {
            ChangeAuthor.Set(Author(context), context.TraceIdentifier);
            return next(context);
        });
        app.UseAuthorization();
        app.UseEndpoints(endpoints => endpoints.MapApi());
        return app;
    }

    private static Author? Author(HttpContext context)
    {
        if (context.User.FindFirst("sub")?.Value is not { } subject)
        {
            return null;
        }
        var role = context.GetRouteValue("businessId") is string businessId ? Caller.From(context.User).RoleIn(businessId) : null;
        return new Author(AuthorKind.User, subject, context.User.FindFirst("name")?.Value, role?.ToString().ToLowerInvariant());
    }
}
