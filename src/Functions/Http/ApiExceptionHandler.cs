using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.Functions.Http;

/// <summary>
/// Turns what escapes an endpoint into a problem response: unreadable requests into 4xx with the reason, an
/// overloaded, unreachable or too slow Cosmos (past Cosmos:RequestDeadline) into 503 with Retry-After, anything else into a 500 that reveals nothing.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer and nothing went wrong on our side.
            return true;
        }
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad, httpContext),
            CosmosException cosmos when CosmosUnavailable.Is(cosmos) => Unavailable(httpContext, cosmos.RetryAfter),
            HttpRequestException => Unavailable(httpContext, retryAfter: null),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            var (type, title) = ProblemResults.ForStatus(500);
            problem = new Problem(type, 500, title, "The error was logged; retrying may help.");
        }
        else if (problem.Status >= 500)
        {
            LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem.ToDetails(),
            Exception = exception,
        });
    }

    private static Problem FromBadRequest(BadHttpRequestException exception, HttpContext http)
    {
        var (type, title) = ProblemResults.ForStatus(exception.StatusCode);
        if (exception.InnerException is JsonException json)
        {
            // The handler runs with the endpoint cleared; the feature keeps the one that failed.
            var body = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var error = JsonReadError.Of(json, body ?? typeof(object),
                http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
            return new Problem(type, 400, "The request body is not valid JSON for this operation", error.Detail,
                new Dictionary<string, string[]> { [error.Field] = [error.Summary] });
        }
        return new Problem(type, exception.StatusCode, title, exception.Message);
    }

    private static Problem Unavailable(HttpContext httpContext, TimeSpan? retryAfter)
    {
        var seconds = (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds);
        httpContext.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (type, title) = ProblemResults.ForStatus(503);
        return new Problem(type, 503, title, "The database is busy or unreachable; retry after the Retry-After delay.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
