using Azure;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;
using MultiPhone.Functions.OpenApi;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>GET /api/health/live</c>: the process answers (no I/O, for restarts). <c>GET /api/health/ready</c>: it can serve
/// requests and run migrations, which needs Cosmos and Durable's storage account; the check is shared by all callers and reused for <see cref="ReadinessCheck.ReuseFor"/>,
/// so probes and anonymous callers cost at most one read of each per instance that often.
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
            .WithDescription("200 when Cosmos and the storage account of the Durable backend (AzureWebJobsStorage) answered the last "
                + "check, 503 naming what did not and why. The check is made at most "
                + "every 5 seconds per instance and shared by every caller meanwhile; `checkedAt` says when it was made.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<ReadinessResponse>, ProblemHttpResult>> ReadyAsync(ReadinessCheck check)
    {
        var result = await check.CurrentAsync();
        return result.Problem is null
            ? TypedResults.Ok(new ReadinessResponse("ready", "ok", "ok", result.CheckedAt))
            : new Problem(ProblemTypes.ServiceUnavailable, 503, "Not ready", result.Problem).ToHttp();
    }
}

public sealed record LivenessResponse(string Status);

public sealed record ReadinessResponse(string Status, string Cosmos, string Storage, DateTimeOffset CheckedAt);

/// <summary>
/// The last check of what requests and the Durable backend need: Cosmos, and the storage account of
/// <c>AzureWebJobsStorage</c> (Durable's queues, tables and blobs). One in flight at a time, reused until it is
/// <see cref="ReuseFor"/> old; both are asked at once, each for at most <see cref="Timeout"/>.
/// </summary>
public sealed class ReadinessCheck(Database database, IConfiguration configuration, TimeProvider time)
{
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private readonly QueueServiceClient? _storage = StorageClient(configuration);
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
        var cosmos = CheckCosmosAsync(timeout.Token);
        var storage = CheckStorageAsync(timeout.Token);
        return new Readiness(checkedAt, await cosmos, await storage);
    }

    private async Task<string?> CheckCosmosAsync(CancellationToken ct)
    {
        try
        {
            using var response = await database.ReadStreamAsync(cancellationToken: ct);
            return response.IsSuccessStatusCode ? null : $"Cosmos answered {(int)response.StatusCode} for database '{database.Id}'.";
        }
        catch (Exception e) when (e is HttpRequestException or CosmosException or OperationCanceledException)
        {
            return e is OperationCanceledException
                ? $"Cosmos did not answer within {Timeout.TotalSeconds:0} s."
                : $"Cosmos is unreachable: {e.Message}";
        }
    }

    /// <summary>Lists at most one queue: the cheapest call the app's role on the account (queue data contributor) allows.</summary>
    private async Task<string?> CheckStorageAsync(CancellationToken ct)
    {
        if (_storage is null)
        {
            return "Storage: AzureWebJobsStorage is not set.";
        }
        try
        {
            await foreach (var _ in _storage.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
            return null;
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException)
        {
            return e is OperationCanceledException
                ? $"Storage (AzureWebJobsStorage) did not answer within {Timeout.TotalSeconds:0} s."
                : $"Storage (AzureWebJobsStorage) is unreachable: {e.Message}";
        }
    }

    /// <summary>
    /// The queue service of <c>AzureWebJobsStorage</c>, as the Functions host reads it: a connection string, or an
    /// account (<c>__accountName</c> or <c>__queueServiceUri</c>) the app signs in to with its managed identity.
    /// </summary>
    private static QueueServiceClient? StorageClient(IConfiguration configuration)
    {
        var section = configuration.GetSection("AzureWebJobsStorage");
        if (!string.IsNullOrEmpty(section.Value))
        {
            return new QueueServiceClient(section.Value);
        }
        var uri = section["queueServiceUri"] is { Length: > 0 } queues ? new Uri(queues)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.queue.core.windows.net")
            : null;
        return uri is null ? null : new QueueServiceClient(uri, new DefaultAzureCredential());
    }
}

/// <param name="CheckedAt">When the check started.</param>
/// <param name="Cosmos">Why Cosmos is not usable, or null when it answered.</param>
/// <param name="Storage">Why the storage account is not usable, or null when it answered.</param>
public sealed record Readiness(DateTimeOffset CheckedAt, string? Cosmos, string? Storage)
{
    public string? Problem => Cosmos is null ? Storage : Storage is null ? Cosmos : $"{Cosmos} {Storage}";
}
