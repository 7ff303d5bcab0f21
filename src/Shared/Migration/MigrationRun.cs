namespace MultiPhone.Migration;

/// <summary>What ops ask a run to do (the body of <c>POST /api/v2/migrations/legacy-phones</c>, with its defaults applied).</summary>
/// <param name="DryRun">Change nothing; report what would happen.</param>
/// <param name="BatchSize">Businesses per activity.</param>
/// <param name="MaxParallelism">Batches in flight at once (scheduled activities).</param>
/// <param name="BusinessIds">Only these businesses; null for every business.</param>
/// <param name="Verify">After migrating, check every business (a second pass); verification runs do only that.</param>
/// <param name="PageSize">Businesses per orchestration execution (each page ends with ContinueAsNew).</param>
public sealed record RunOptions(bool DryRun, int BatchSize, int MaxParallelism, IReadOnlyList<string>? BusinessIds, bool Verify, int PageSize = RunOptions.DefaultPageSize)
{
    /// <summary>
    /// Enough batches that the pause between pages (the last batches finishing, the next page read) is rare (a page of
    /// 5,000 made the run 13% slower), few enough for a history of a few hundred events.
    /// </summary>
    public const int DefaultPageSize = 20_000;
}

public enum RunPhase
{
    Migrate,
    Verify,
}

/// <summary>Counts of a run's migration phase, by outcome, and the documents it wrote.</summary>
public sealed record MigrationCounts(int Scanned, int Migrated, int AlreadyMigrated, int SkippedNoNumber, int Invalid, int Conflicts, int Failed, int Writes = 0)
{
    public static readonly MigrationCounts Zero = new(0, 0, 0, 0, 0, 0, 0);

    public static MigrationCounts Of(IEnumerable<MigrationOutcome> outcomes) =>
        outcomes.Aggregate(Zero, (counts, outcome) => Count(counts, outcome.Kind) with { Writes = counts.Writes + outcome.Writes });

    public static MigrationCounts operator +(MigrationCounts a, MigrationCounts b) => new(
        a.Scanned + b.Scanned, a.Migrated + b.Migrated, a.AlreadyMigrated + b.AlreadyMigrated, a.SkippedNoNumber + b.SkippedNoNumber,
        a.Invalid + b.Invalid, a.Conflicts + b.Conflicts, a.Failed + b.Failed, a.Writes + b.Writes);

    private static MigrationCounts Count(MigrationCounts c, MigrationOutcomeKind kind) => kind switch
    {
        MigrationOutcomeKind.Migrated => c with { Scanned = c.Scanned + 1, Migrated = c.Migrated + 1 },
        MigrationOutcomeKind.AlreadyMigrated => c with { Scanned = c.Scanned + 1, AlreadyMigrated = c.AlreadyMigrated + 1 },
        MigrationOutcomeKind.SkippedNoNumber => c with { Scanned = c.Scanned + 1, SkippedNoNumber = c.SkippedNoNumber + 1 },
        MigrationOutcomeKind.Invalid => c with { Scanned = c.Scanned + 1, Invalid = c.Invalid + 1 },
        MigrationOutcomeKind.Conflict => c with { Scanned = c.Scanned + 1, Conflicts = c.Conflicts + 1 },
        _ => c with { Scanned = c.Scanned + 1, Failed = c.Failed + 1 },
    };
}

/// <summary>Counts of a run's verification phase.</summary>
public sealed record VerificationCounts(int Checked, int Passed, int Failed, int Skipped)
{
    public static readonly VerificationCounts Zero = new(0, 0, 0, 0);

    public static VerificationCounts Of(IEnumerable<VerificationOutcome> outcomes) => outcomes.Aggregate(Zero, (c, o) => o.Kind switch
    {
        VerificationOutcomeKind.Passed => c with { Checked = c.Checked + 1, Passed = c.Passed + 1 },
        VerificationOutcomeKind.Failed => c with { Checked = c.Checked + 1, Failed = c.Failed + 1 },
        _ => c with { Checked = c.Checked + 1, Skipped = c.Skipped + 1 },
    });

    public static VerificationCounts operator +(VerificationCounts a, VerificationCounts b) =>
        new(a.Checked + b.Checked, a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);
}

/// <summary>
/// The orchestration's input: the run's parameters and where it has got to. Each page ends with ContinueAsNew and this
/// state moved on, so the history never holds more than one page.
/// </summary>
/// <param name="Options">The run's parameters.</param>
/// <param name="Phase">Migrating, then (when asked) verifying.</param>
/// <param name="Continuation">Where the next page of businesses starts (the read feed's token); null at the start of a phase.</param>
/// <param name="Position">Businesses done in this phase; also the offset into <see cref="RunOptions.BusinessIds"/>.</param>
/// <param name="Total">How many businesses the run covers; null until counted.</param>
/// <param name="Counted">Businesses counted so far, while <paramref name="Total"/> is null.</param>
/// <param name="CountContinuation">Where the count goes on.</param>
/// <param name="Migration">Counts of the migration phase.</param>
/// <param name="Verification">Counts of the verification phase.</param>
/// <param name="StartedAt">When the run started (orchestration time).</param>
/// <param name="PhaseStartedAt">When the current phase started.</param>
public sealed record RunState(
    RunOptions Options,
    RunPhase Phase,
    string? Continuation,
    int Position,
    int? Total,
    int Counted,
    string? CountContinuation,
    MigrationCounts Migration,
    VerificationCounts Verification,
    DateTime StartedAt,
    DateTime PhaseStartedAt)
{
    public static RunState Start(RunOptions options, DateTime now, RunPhase phase = RunPhase.Migrate) =>
        new(options, phase, null, 0, options.BusinessIds?.Count, 0, null, MigrationCounts.Zero, VerificationCounts.Zero, now, now);
}

/// <summary>The run's custom status: small (far below Durable's 16 KB), rewritten as each batch finishes.</summary>
/// <param name="Phase">What the run is doing.</param>
/// <param name="Percent">Of the current phase.</param>
/// <param name="RatePerSecond">Businesses per second in the current phase.</param>
/// <param name="Eta">When the current phase should end at that rate; null until known.</param>
public sealed record RunProgress(
    RunPhase Phase,
    int Scanned,
    int Migrated,
    int AlreadyMigrated,
    int SkippedNoNumber,
    int Invalid,
    int Conflicts,
    int Failed,
    double Percent,
    double RatePerSecond,
    DateTime? Eta,
    int? Total,
    VerificationCounts Verification,
    DateTime StartedAt)
{
    public static RunProgress Of(RunState state, DateTime now)
    {
        var m = state.Migration;
        var done = state.Position;
        var seconds = (now - state.PhaseStartedAt).TotalSeconds;
        var rate = seconds > 0 ? Math.Round(done / seconds, 1) : 0;
        var percent = state.Total is { } total and > 0 ? Math.Round(100.0 * Math.Min(done, total) / total, 1) : 0;
        DateTime? eta = rate > 0 && state.Total is { } all ? now.AddSeconds(Math.Max(0, all - done) / rate) : null;
        return new RunProgress(state.Phase, m.Scanned, m.Migrated, m.AlreadyMigrated, m.SkippedNoNumber, m.Invalid, m.Conflicts, m.Failed,
            percent, rate, eta, state.Total, state.Verification, state.StartedAt);
    }
}

/// <summary>The run's output.</summary>
public sealed record RunSummary(
    bool DryRun,
    MigrationCounts Migration,
    VerificationCounts? Verification,
    DateTime StartedAt,
    DateTime FinishedAt,
    double BusinessesPerSecond);

/// <summary>A batch for an activity: ids, never data, so the orchestration's history stays small.</summary>
public sealed record BatchRequest(string RunId, bool DryRun, IReadOnlyList<string> BusinessIds);

/// <summary>Where a page of businesses starts.</summary>
public sealed record PageRequest(string? Continuation, int PageSize);

/// <summary>Businesses counted in one slice, and where the count goes on (null when it is complete).</summary>
public sealed record CountSlice(int Count, string? Continuation);
