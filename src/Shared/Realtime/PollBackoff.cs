namespace MultiPhone.Realtime;

/// <summary>
/// How long a quiet change feed waits before it is asked again: <see cref="Fastest"/> right after activity, twice as
/// long after each empty read, never longer than <see cref="Slowest"/>. A busy feed is read at once and a feed that
/// just went quiet within a few fast polls, while a feed quiet for a few seconds costs one read per Slowest.
/// </summary>
public readonly record struct PollBackoff(TimeSpan Fastest, TimeSpan Slowest)
{
    /// <summary>The wait after an empty read that followed a wait of <paramref name="last"/>.</summary>
    public TimeSpan After(TimeSpan last) =>
        last < Fastest ? Fastest : TimeSpan.FromTicks(Math.Min(last.Ticks * 2, Slowest.Ticks));
}
