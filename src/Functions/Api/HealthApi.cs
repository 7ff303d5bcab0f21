using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Cosmos;
using MultiPhone.Common;
using MultiPhone.Functions.Http;
using MultiPhone.Functions.OpenApi;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>GET /api/health/live</c>: the process answers (no I/O, for restarts). <c>GET /api/health/ready</c>: it can serve
/// requests, which needs Cosmos; the check is shared by all callers and reused for <see cref="ReadinessCheck.ReuseFor"/>,
/// so probes and anonymous callers cost at most one database read per instance that often.
/// </summary>
public static class HealthApi
{
    public const string LiveRoute = "/api/health/live";
    public const string ReadyRoute = "/api/health/ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // One check per app, made when first asked for.
        var check = ActivatorUtilities.CreateInstance<ReadinessCheck>(app.ServiceProvider);
        var group = app.MapGroup("").AllowAnonymous().WithTags("Health");
        group.MapGet(LiveRoute, () => TypedResults.Ok(new LivenessResponse("alive")))
            .WithMetadata(new AnswersWithoutIo())
            .WithName("Liveness")
            .WithSummary("Is the process running")
            .WithDescription("Answers without any I/O: a failure means the process is stuck or gone and should be restarted.");
        group.MapGet(ReadyRoute, () => ReadyAsync(check))
            .WithName("Readiness")
            .WithSummary("Can the API serve requests")
            .WithDescription("200 when Cosmos answered the last check, 503 with the reason when it did not. The check is made at most "
                + "every 5 seconds per instance and shared by every caller meanwhile; `checkedAt` says when it was made.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<ReadinessResponse>, ProblemHttpResult>> ReadyAsync(ReadinessCheck check)
    {
        var result = await check.CurrentAsync();
        return result.Problem is null
            ? TypedResults.Ok(new ReadinessResponse("ready", "ok", result.CheckedAt))
            : new Problem(ProblemTypes.ServiceUnavailable, 503, "Not ready", result.Problem).ToHttp();
    }
}

public sealed record LivenessResponse(string Status);

public sealed record ReadinessResponse(string Status, string Cosmos, DateTimeOffset CheckedAt);

/// <summary>The last Cosmos check: one in flight at a time, reused until it is <see cref="ReuseFor"/> old.</summary>
public sealed class ReadinessCheck(Database database, TimeProvider time)
{
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private Task<Readiness>? _last;

    public Task<Readiness> CurrentAsync()
    {
        lock (_lock)
        {
            // A check still running is shared; a finished one is reused while it is fresh.
            var stale = _last is null
                || (_last.IsCompleted && !(_last.IsCompletedSuccessfully && time.GetUtcNow() - _last.Result.CheckedAt < ReuseFor));
            if (stale)
            {
                _last = CheckAsync();
            }
            return _last!;
        }
    }

    private async Task<Readiness> CheckAsync()
    {
        var checkedAt = time.GetUtcNow();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            using var response = await database.ReadStreamAsync(cancellationToken: timeout.Token);
            return new Readiness(checkedAt, response.IsSuccessStatusCode ? null : $"Cosmos answered {(int)response.StatusCode} for database '{database.Id}'.");
        }
        catch (Exception e) when (e is HttpRequestException or CosmosException or OperationCanceledException)
        {
            return new Readiness(checkedAt, e is OperationCanceledException
                ? $"Cosmos did not answer within {Timeout.TotalSeconds:0} s."
                : $"Cosmos is unreachable: {e.Message}");
        }
    }
}

/// <param name="CheckedAt">When the check started.</param>
/// <param name="Problem">Why Cosmos is not usable, or null when it answered.</param>
public sealed record Readiness(DateTimeOffset CheckedAt, string? Problem);
