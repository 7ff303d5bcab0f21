using System.Globalization;

namespace MultiPhone.Functions.Http;

/// <summary>Endpoint metadata: deprecated since <paramref name="Since"/>, answering until <paramref name="Sunset"/>.</summary>
public sealed record DeprecatedEndpoint(DateTimeOffset Since, DateTimeOffset Sunset);

public static class Deprecation
{
    /// <summary>
    /// Every answer of a deprecated endpoint says so, refusals before it runs (the 401 of authentication) included:
    /// <c>Deprecation</c> (RFC 9745), <c>Sunset</c> (RFC 8594) and a <c>Link</c> to the documentation. The headers
    /// are added as the response starts, so an error handler that clears the response does not lose them.
    /// </summary>
    public static IApplicationBuilder UseDeprecationHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DeprecatedEndpoint>() is { } deprecated)
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers["Deprecation"] = "@" + deprecated.Since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                headers["Sunset"] = deprecated.Sunset.ToString("R", CultureInfo.InvariantCulture);
                headers.Append("Link", $"<{context.Request.PathBase}/api/docs>; rel=\"deprecation\"; type=\"text/html\"");
                return Task.CompletedTask;
            });
        }
        return next(context);
    });
}
