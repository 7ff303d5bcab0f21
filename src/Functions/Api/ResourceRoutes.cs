
namespace MultiPhone.Functions.Api;

/// <summary>
/// The endpoint conventions of the standard resource shape (list and create, read, replace and delete), declared once
/// so every resource documents and guards them alike: reads are open to every member of the business; creates,
/// replaces and deletes are for admins; replaces and deletes go under If-Match (412 stale, 428 missing).
/// </summary>
internal static class ResourceRoutes
{
    private static readonly int[] IfMatchProblems = [StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired];

    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string name, string summary, string description) =>
        endpoint.WithName(name).WithSummary(summary).WithDescription(description);

    /// <summary>A POST that adds to a collection: admins only, replayed under an Idempotency-Key, 400 for input it refuses.</summary>
    public static RouteHandlerBuilder Creates<TInput>(this RouteHandlerBuilder endpoint) => endpoint
        .RequireBusinessRole(BusinessRole.Admin)
        .WithIdempotency<TInput>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>A PUT under If-Match: admins only; 400 for input it refuses, the resource's own problems, 412 and 428.</summary>
    public static RouteHandlerBuilder Replaces(this RouteHandlerBuilder endpoint, params int[] also) => endpoint
        .RequireBusinessRole(BusinessRole.Admin)
        .ProducesProblems([StatusCodes.Status400BadRequest, .. also, .. IfMatchProblems]);

    /// <summary>A DELETE under If-Match: admins only; the resource's own problems, 412 and 428.</summary>
    public static RouteHandlerBuilder Deletes(this RouteHandlerBuilder endpoint, params int[] also) => endpoint
        .RequireBusinessRole(BusinessRole.Admin)
        .ProducesProblems([.. also, .. IfMatchProblems]);

    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            endpoint.ProducesProblem(statusCode);
        }
        return endpoint;
    }
}

/// <summary>
/// How a resource's endpoints answer: the problem, or the resource with its ETag (200, or 201 with its Location), or
/// 204; a change without If-Match answers 428 before anything is read.
/// </summary>
internal sealed class ResourceResults<T, TResponse>(Func<T, string> etagOf, Func<T, TResponse> responseOf)
{
    public Results<Ok<TResponse>, ProblemHttpResult> Ok(Result<T> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = etagOf(result.Value);
        return TypedResults.Ok(responseOf(result.Value));
    }

    /// <summary>200 with the collection made of each resource's response, or the problem.</summary>
    public Results<Ok<TList>, ProblemHttpResult> List<TItems, TList>(Result<TItems> result, Func<List<TResponse>, TList> listOf)
        where TItems : IEnumerable<T> =>
        result.IsOk ? TypedResults.Ok(listOf(result.Value.Select(responseOf).ToList())) : result.Problem.ToHttp();

    /// <summary>201 at <paramref name="locationOf"/> the new resource.</summary>
    public Results<Created<TResponse>, ProblemHttpResult> Created(Result<T> result, HttpResponse response, Func<T, string> locationOf)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = etagOf(result.Value);
        return TypedResults.Created(locationOf(result.Value), responseOf(result.Value));
    }

    public async Task<Results<Ok<TResponse>, ProblemHttpResult>> ChangeAsync(
        string? ifMatch, HttpResponse response, Func<string, Task<Result<T>>> change) =>
        ifMatch is null ? Problem.PreconditionRequired().ToHttp() : Ok(await change(ifMatch), response);
}

internal static class ResourceResults
{
    /// <summary>204, or the problem; 428 without If-Match.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string? ifMatch, Func<string, Task<Result<bool>>> delete)
    {
        if (ifMatch is null)
        {
            return Problem.PreconditionRequired().ToHttp();
        }
        var result = await delete(ifMatch);
        return result.IsOk ? TypedResults.NoContent() : result.Problem.ToHttp();
    }
}
