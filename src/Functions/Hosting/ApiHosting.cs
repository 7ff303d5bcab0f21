using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MultiPhone.Functions.Hosting;

/// <summary>The HTTP conventions every route shares: JSON, problem details, body limits.</summary>
public static class ApiHosting
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>(
            (kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        // Unreadable input throws, so ApiExceptionHandler can say what was wrong instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            if (details.Type is null || !details.Type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal))
            {
                var (type, title) = ProblemResults.ForStatus(details.Status ?? context.HttpContext.Response.StatusCode);
                details.Type = ProblemTypes.Prefix + type;
                details.Title = title;
            }
            details.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    public static IApplicationBuilder UseApiConventions(this IApplicationBuilder app)
    {
        // No browser may sniff a response into a type it would run. Set as the response starts, so it survives the
        // exception handler clearing the headers for its problem.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseExceptionHandler();
        // Responses that carry no body of their own (401 challenges, unmatched routes) still answer with a problem.
        app.UseStatusCodePages();
        return app;
    }
}
