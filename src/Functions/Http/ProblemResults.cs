using Microsoft.AspNetCore.Mvc;

namespace MultiPhone.Functions.Http;

public static class ProblemResults
{
    /// <summary>An RFC 9457 response for a <see cref="Problem"/>; field errors go in <c>errors</c>.</summary>
    public static ProblemHttpResult ToHttp(this Problem problem) => TypedResults.Problem(ToDetails(problem));

    public static ProblemDetails ToDetails(this Problem problem)
    {
        var details = problem.Errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(problem.Errors.ToDictionary(e => e.Key, e => e.Value));
        details.Type = ProblemTypes.Prefix + problem.Type;
        details.Title = problem.Title;
        details.Status = problem.Status;
        details.Detail = problem.Detail;
        foreach (var (name, value) in problem.Extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[name] = value;
        }
        return details;
    }

    /// <summary>The problem type of an error response that carries no problem of its own (401 from the bearer challenge, unmatched routes).</summary>
    public static (string Type, string Title) ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => (ProblemTypes.MalformedRequest, "The request could not be read"),
        StatusCodes.Status401Unauthorized => (ProblemTypes.Unauthorized, "A valid bearer token is required"),
        StatusCodes.Status403Forbidden => (ProblemTypes.Forbidden, "Not allowed"),
        StatusCodes.Status404NotFound => (ProblemTypes.NotFound, "Resource not found"),
        StatusCodes.Status405MethodNotAllowed => (ProblemTypes.MethodNotAllowed, "Method not allowed on this resource"),
        StatusCodes.Status413PayloadTooLarge => (ProblemTypes.PayloadTooLarge, "The request body is too large"),
        StatusCodes.Status415UnsupportedMediaType => (ProblemTypes.UnsupportedMediaType, "The body is not of a media type this operation reads"),
        StatusCodes.Status503ServiceUnavailable => (ProblemTypes.ServiceUnavailable, "Temporarily unavailable"),
        >= 500 => (ProblemTypes.InternalError, "Something went wrong on our side"),
        _ => (ProblemTypes.MalformedRequest, "The request could not be processed"),
    };
}
