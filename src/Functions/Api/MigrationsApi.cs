using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using MultiPhone.Functions.Hosting;
using MultiPhone.Functions.Migration;
using MultiPhone.Migration;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/migrations/legacy-phones</c>: operations start, watch, steer and verify the legacy phone migration, a
/// Durable orchestration (Migration/LegacyPhonesOrchestrator.cs). Platform role ops only. A started run answers with
/// Durable's management shape, pointing at these routes.
/// </summary>
public static class MigrationsApi
{
    private const string Base = "/api/v2/migrations/legacy-phones";

    /// <summary>The overlap check and the start are one step within an instance; ops start runs by hand, rarely.</summary>
    private static readonly SemaphoreSlim StartLock = new(1, 1);

    public static RouteGroupBuilder MapMigrations(this RouteGroupBuilder v2)
    {
        var group = v2.MapGroup("/migrations/legacy-phones")
            .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Ops))
            .WithTags("Legacy migration (ops)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", StartAsync)
            .Describe("StartLegacyMigration", "Start migrating legacy single-phone businesses (or a dry run)",
                "Each legacy business's number becomes its primary phone, its hours move to that phone and its other "
                + "settings become the business defaults. The body is an object (`{}` for every default). Answers 202 with the run's "
                + "id and its management URLs. A second run over any of the same businesses while one is running is refused (409 migration-running).")
            .StartsRun();
        group.MapPost("/verify", StartVerificationAsync)
            .Describe("StartLegacyMigrationVerification", "Start checking every business against what the migration promises",
                "A run of its own (same routes to watch it); the businesses that fail are in its report with every finding. "
                + "The body is an object (`{}` for every default). Refused while a migration of any of the same businesses is running "
                + "(409 migration-running): it would report each business not migrated yet as failed.")
            .StartsRun();
        group.MapGet("", ListAsync)
            .Describe("ListLegacyMigrations", "The runs, most recent first",
                "Migration and verification runs with their Durable status, newest first.");
        group.MapGet("/{runId}", GetAsync)
            .Describe("GetLegacyMigration", "A run's status: Durable's runtimeStatus, progress in customStatus, counts in output",
                "Poll this until runtimeStatus is Completed, Failed or Terminated; the output counts each outcome.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{runId}/report", ReportAsync)
            .Describe("GetLegacyMigrationReport", "The businesses a run did not migrate (or found wrong), with the reason, a page at a time",
                "Pass the continuationToken of one page to get the next; there is none after the last page.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{runId}/terminate", TerminateAsync)
            .Describe("TerminateLegacyMigration", "Stop a run for good; what it migrated stays migrated",
                "The optional reason is kept in the run's history. Businesses already migrated stay migrated; a new run picks up the rest.")
            .Steers();
        group.MapPost("/{runId}/suspend", SuspendAsync)
            .Describe("SuspendLegacyMigration", "Pause a run after the batches in flight",
                "The batches already handed to activities finish; no new ones start until the run is resumed.")
            .Steers();
        group.MapPost("/{runId}/resume", ResumeAsync)
            .Describe("ResumeLegacyMigration", "Continue a suspended run", "The run goes on from the page it stopped at.")
            .Steers();
        group.MapDelete("/{runId}", PurgeAsync)
            .Describe("PurgeLegacyMigration", "Delete a finished run's Durable history (its report stays, as the record of the migration)",
                "Refused while the run is still going; terminate it first.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return v2;
    }

    /// <summary>Both starts answer alike: 202 with the run, 400 for a body that is not a valid request, 409 while a run overlaps.</summary>
    private static RouteHandlerBuilder StartsRun(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<RunStarted>(StatusCodes.Status202Accepted)
        .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);

    /// <summary>Terminate, suspend and resume answer alike: 202, 404 for a run that does not exist, 409 for one that finished.</summary>
    private static RouteHandlerBuilder Steers(this RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status202Accepted)
        .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    private static Task<Results<Accepted<RunStarted>, ProblemHttpResult>> StartAsync(
        MigrationRequest body, HttpContext http, TimeProvider time, CancellationToken ct) =>
        StartUnlessRunningAsync(http, time, MigrationRequests.Validate(body), RunPhase.Migrate, ct);

    private static Task<Results<Accepted<RunStarted>, ProblemHttpResult>> StartVerificationAsync(
        VerificationRequest body, HttpContext http, TimeProvider time, CancellationToken ct) =>
        StartUnlessRunningAsync(http, time, MigrationRequests.Validate(body), RunPhase.Verify, ct);

    /// <summary>
    /// Starts the run unless a migration is writing some of its businesses: two migrations would write them twice, and
    /// a verification would report every business not migrated yet as failed.
    /// </summary>
    private static async Task<Results<Accepted<RunStarted>, ProblemHttpResult>> StartUnlessRunningAsync(
        HttpContext http, TimeProvider time, Result<RunOptions> options, RunPhase phase, CancellationToken ct)
    {
        if (!options.IsOk)
        {
            return options.Problem.ToHttp();
        }
        var client = http.DurableClient();
        await StartLock.WaitAsync(ct);
        try
        {
            await foreach (var running in client.GetAllInstancesAsync(Active).WithCancellation(ct))
            {
                if (running.ReadInputAs<RunState>() is { } state && MigrationRequests.Overlap(options.Value, state))
                {
                    return new Problem(ProblemTypes.MigrationRunning, 409, "A migration of these businesses is running",
                        phase == RunPhase.Migrate
                            ? $"Run '{running.InstanceId}' is migrating some of the same businesses; wait for it, or terminate it."
                            : $"Run '{running.InstanceId}' is migrating some of these businesses; verify them once it has finished.").ToHttp();
                }
            }
            return await StartRunAsync(client, http, time, RunState.Start(options.Value, time.GetUtcNow().UtcDateTime, phase), ct);
        }
        finally
        {
            StartLock.Release();
        }
    }

    private static async Task<Results<Accepted<RunStarted>, ProblemHttpResult>> StartRunAsync(
        DurableTaskClient client, HttpContext http, TimeProvider time, RunState state, CancellationToken ct)
    {
        var runId = MigrationRequests.NewRunId(time.GetUtcNow());
        await client.ScheduleNewOrchestrationInstanceAsync(LegacyPhonesOrchestrator.Name, state, new StartOrchestrationOptions(runId), ct);
        var started = RunStarted.For(runId, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Base}");
        return TypedResults.Accepted(started.StatusQueryGetUri, started);
    }

    private static async Task<Ok<RunList>> ListAsync(HttpContext http, CancellationToken ct)
    {
        var runs = new List<RunStatus>();
        var query = new OrchestrationQuery { InstanceIdPrefix = MigrationRequests.RunIdPrefix, FetchInputsAndOutputs = true };
        await foreach (var run in http.DurableClient().GetAllInstancesAsync(query).WithCancellation(ct))
        {
            runs.Add(RunStatus.From(run));
        }
        return TypedResults.Ok(new RunList([.. runs.OrderByDescending(r => r.CreatedAt).Take(100)]));
    }

    private static async Task<Results<Ok<RunStatus>, ProblemHttpResult>> GetAsync(string runId, HttpContext http, CancellationToken ct) =>
        await FindAsync(http, runId, ct) is { } run ? TypedResults.Ok(RunStatus.From(run)) : NotFound(runId).ToHttp();

    private static async Task<Results<Ok<ReportPage>, ProblemHttpResult>> ReportAsync(
        string runId, string? continuationToken, int? pageSize, HttpContext http, MigrationReportStore reports, CancellationToken ct)
    {
        if (pageSize is < 1 or > 1000)
        {
            return Problem.Validation("pageSize", "Between 1 and 1000.").ToHttp();
        }
        if (!runId.StartsWith(MigrationRequests.RunIdPrefix, StringComparison.Ordinal))
        {
            return NotFound(runId).ToHttp();
        }
        var page = await reports.PageAsync(runId, continuationToken, pageSize ?? 100, ct);
        if (page is null)
        {
            return Problem.Validation("continuationToken", "Not a token this report gave out; start again without it.").ToHttp();
        }
        // A purged run keeps its report; a run nobody started has neither.
        return page.Items.Count == 0 && continuationToken is null && await FindAsync(http, runId, ct) is null
            ? NotFound(runId).ToHttp()
            : TypedResults.Ok(page);
    }

    private static Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(string runId, string? reason, HttpContext http, CancellationToken ct) =>
        SteerAsync(http, runId, (client, id) => client.TerminateInstanceAsync(id, reason ?? "Terminated by operations", ct), ct);

    private static Task<Results<Accepted, ProblemHttpResult>> SuspendAsync(string runId, string? reason, HttpContext http, CancellationToken ct) =>
        SteerAsync(http, runId, (client, id) => client.SuspendInstanceAsync(id, reason ?? "Suspended by operations", ct), ct);

    private static Task<Results<Accepted, ProblemHttpResult>> ResumeAsync(string runId, string? reason, HttpContext http, CancellationToken ct) =>
        SteerAsync(http, runId, (client, id) => client.ResumeInstanceAsync(id, reason ?? "Resumed by operations", ct), ct);

    private static async Task<Results<Accepted, ProblemHttpResult>> SteerAsync(
        HttpContext http, string runId, Func<DurableTaskClient, string, Task> command, CancellationToken ct)
    {
        if (await FindAsync(http, runId, ct) is not { } run)
        {
            return NotFound(runId).ToHttp();
        }
        if (run.IsCompleted)
        {
            return new Problem(ProblemTypes.MigrationFinished, 409, "The run has finished",
                $"Run '{runId}' is {run.RuntimeStatus}; start a new one instead.").ToHttp();
        }
        await command(http.DurableClient(), runId);
        return TypedResults.Accepted($"{http.Request.PathBase}{Base}/{runId}");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PurgeAsync(string runId, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(http, runId, ct) is not { } run)
        {
            return NotFound(runId).ToHttp();
        }
        if (!run.IsCompleted)
        {
            return new Problem(ProblemTypes.MigrationRunning, 409, "The run is still running",
                $"Run '{runId}' is {run.RuntimeStatus}; terminate it first.").ToHttp();
        }
        await http.DurableClient().PurgeInstanceAsync(runId, cancellation: ct);
        return TypedResults.NoContent();
    }

    private static readonly OrchestrationQuery Active = new()
    {
        InstanceIdPrefix = MigrationRequests.RunIdPrefix,
        FetchInputsAndOutputs = true,
        Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended],
    };

    private static async Task<OrchestrationMetadata?> FindAsync(HttpContext http, string runId, CancellationToken ct) =>
        runId.StartsWith(MigrationRequests.RunIdPrefix, StringComparison.Ordinal)
            ? await http.DurableClient().GetInstanceAsync(runId, getInputsAndOutputs: true, ct)
            : null;

    private static Problem NotFound(string runId) => Problem.NotFound($"Migration run '{runId}' was not found.");
}

/// <summary>What starting a run answers: its id and Durable's management URLs, on this app's routes.</summary>
public sealed record RunStarted(
    string Id,
    string StatusQueryGetUri,
    string TerminatePostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string PurgeHistoryDeleteUri,
    string ReportGetUri)
{
    public static RunStarted For(string runId, string runs)
    {
        var run = $"{runs}/{runId}";
        return new(runId, run, $"{run}/terminate?reason={{text}}", $"{run}/suspend?reason={{text}}", $"{run}/resume?reason={{text}}", run, $"{run}/report");
    }
}

/// <summary>A run as Durable reports it, with the migration's own progress, counts and parameters.</summary>
/// <param name="Id">The run (orchestration instance) id.</param>
/// <param name="RuntimeStatus">Durable's value: Pending, Running, Suspended, Completed, Failed, Terminated.</param>
/// <param name="CreatedAt">When Durable created the current execution (a run continues as new after every page).</param>
/// <param name="LastUpdatedAt">When the run last made progress.</param>
/// <param name="Input">What the run was asked to do.</param>
/// <param name="CustomStatus">Progress: counts so far, percent, rate and ETA of the current phase.</param>
/// <param name="Output">The counts, once the run has completed.</param>
/// <param name="Failure">Why the run failed, when it did.</param>
public sealed record RunStatus(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    RunOptions? Input,
    RunProgress? CustomStatus,
    RunSummary? Output,
    string? Failure)
{
    public static RunStatus From(OrchestrationMetadata run) => new(
        run.InstanceId,
        run.RuntimeStatus.ToString(),
        run.CreatedAt,
        run.LastUpdatedAt,
        run.ReadInputAs<RunState>()?.Options,
        run.ReadCustomStatusAs<RunProgress>(),
        run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? run.ReadOutputAs<RunSummary>() : null,
        run.FailureDetails?.ErrorMessage);
}

public sealed record RunList(IReadOnlyList<RunStatus> Items);
