using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Cosmos;
using MultiPhone.Common;
using MultiPhone.Functions.Hosting;

namespace MultiPhone.Functions.Api;

/// <summary><c>GET /api/health</c>: 200 when Cosmos answers, 503 with the reason when it does not.</summary>
public static class HealthApi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync)
            .AllowAnonymous()
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("Is the API able to serve requests")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(Database database, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        string reason;
        try
        {
            using var response = await database.ReadStreamAsync(cancellationToken: timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return TypedResults.Ok(new HealthResponse("healthy", "ok"));
            }
            reason = $"Cosmos answered {(int)response.StatusCode} for database '{database.Id}'.";
        }
        catch (Exception e) when (e is HttpRequestException or CosmosException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            reason = e is OperationCanceledException ? $"Cosmos did not answer within {Timeout.TotalSeconds:0} s." : $"Cosmos is unreachable: {e.Message}";
        }
        return new Problem(ProblemTypes.ServiceUnavailable, 503, "Unhealthy", reason).ToHttp();
    }
}

public sealed record HealthResponse(string Status, string Cosmos);
