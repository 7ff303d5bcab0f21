using MultiPhone.Businesses;

namespace MultiPhone.Migration;

/// <summary>Body of <c>POST /api/v2/migrations/legacy-phones</c>; every field is optional.</summary>
/// <param name="DryRun">Change nothing and report what would happen (default false).</param>
/// <param name="BatchSize">Businesses per activity, 1-1000 (default 100).</param>
/// <param name="MaxParallelism">Batches in flight, 1-64 (default 16); an instance runs as many at a time as host.json's maxConcurrentActivityFunctions (32), the rest wait queued.</param>
/// <param name="BusinessIds">Migrate only these (at most 1000); all businesses when absent.</param>
/// <param name="Verify">Verify every business after migrating (default false; POST .../verify does it later).</param>
public sealed record MigrationRequest(
    bool? DryRun,
    [property: Range(1, MigrationRequests.MaxBatchSize)] int? BatchSize,
    [property: Range(1, MigrationRequests.MaxParallelism)] int? MaxParallelism,
    [property: MaxLength(MigrationRequests.MaxBusinessIds)] IReadOnlyList<string>? BusinessIds,
    bool? Verify);

/// <summary>Body of <c>POST /api/v2/migrations/legacy-phones/verify</c>; every field is optional.</summary>
public sealed record VerificationRequest(
    [property: Range(1, MigrationRequests.MaxBatchSize)] int? BatchSize,
    [property: Range(1, MigrationRequests.MaxParallelism)] int? MaxParallelism,
    [property: MaxLength(MigrationRequests.MaxBusinessIds)] IReadOnlyList<string>? BusinessIds);

public static class MigrationRequests
{
    public const int MaxBatchSize = 1000;
    public const int MaxParallelism = 64;
    public const int MaxBusinessIds = 1000;
    public const int DefaultBatchSize = 100;
    public const int DefaultParallelism = 16;

    /// <summary>Every run's instance id starts so; the rest is its start time and a random part.</summary>
    public const string RunIdPrefix = "lp-";

    public static Result<RunOptions> Validate(MigrationRequest request) =>
        Validate(request.DryRun ?? false, request.BatchSize, request.MaxParallelism, request.BusinessIds, request.Verify ?? false);

    public static Result<RunOptions> Validate(VerificationRequest request) =>
        Validate(dryRun: false, request.BatchSize, request.MaxParallelism, request.BusinessIds, verify: true);

    /// <summary>
    /// Whether a run to start (<paramref name="a"/>, a migration or a verification) covers businesses the running
    /// migration <paramref name="b"/> is still writing: a run over every business overlaps any other; two runs over
    /// chosen businesses overlap when they share one. Dry runs write nothing, and a run verifying has finished writing.
    /// </summary>
    public static bool Overlap(RunOptions a, RunState b) =>
        !a.DryRun && !b.Options.DryRun && b.Phase == RunPhase.Migrate
        && (a.BusinessIds is null || b.Options.BusinessIds is null || a.BusinessIds.Intersect(b.Options.BusinessIds, StringComparer.Ordinal).Any());

    public static string NewRunId(DateTimeOffset now) =>
        $"{RunIdPrefix}{now:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3))}";

    private static Result<RunOptions> Validate(bool dryRun, int? batchSize, int? parallelism, IReadOnlyList<string>? ids, bool verify)
    {
        var errors = new FieldErrors();
        if (batchSize is < 1 or > MaxBatchSize)
        {
            errors.Add("batchSize", $"Between 1 and {MaxBatchSize}.");
        }
        if (parallelism is < 1 or > MaxParallelism)
        {
            errors.Add("maxParallelism", $"Between 1 and {MaxParallelism}.");
        }
        if (ids is not null)
        {
            if (ids.Count is 0 or > MaxBusinessIds)
            {
                errors.Add("businessIds", $"Between 1 and {MaxBusinessIds} ids; leave it out for every business.");
            }
            for (var i = 0; i < ids.Count; i++)
            {
                if (ids[i] is null || !Ids.IsValid(ids[i]))
                {
                    errors.Add($"businessIds[{i}]", "Not a business id.");
                }
            }
        }
        return errors.Any
            ? errors.ToProblem()
            : new RunOptions(dryRun, batchSize ?? DefaultBatchSize, parallelism ?? DefaultParallelism,
                ids?.Distinct(StringComparer.Ordinal).ToList(), verify && !dryRun);
    }
}
