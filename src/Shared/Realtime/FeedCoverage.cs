namespace MultiPhone.Realtime;

/// <summary>
/// What a cache's change feed readers vouch for: every change committed between <see cref="From"/> and
/// <see cref="Through"/> was read and handed to the observers (which mark what it made stale) before this was
/// published. <see cref="From"/> is when a reader started following the feed (it began "from now", so it knows
/// nothing of earlier changes); <see cref="Through"/> is when the last read that found the feed caught up began.
/// </summary>
public readonly record struct FeedCoverage(DateTimeOffset From, DateTimeOffset Through)
{
    /// <summary>
    /// The moment a value whose read began at <paramref name="readBegan"/> and that no change has marked stale is known
    /// to match the store: <see cref="Through"/> when the readers covered every change since that read began (a change
    /// committed after it and before <see cref="Through"/> would have marked it stale), else only when it was read.
    /// Strict comparisons: on an equal clock reading the order of the two events is unknown.
    /// </summary>
    public DateTimeOffset CurrentAsOf(DateTimeOffset readBegan) =>
        From < readBegan && readBegan < Through ? Through : readBegan;

    /// <summary>
    /// What the readers of all of <paramref name="containers"/> vouch for together, or nothing when one of them has not
    /// published: the latest start and the earliest catch-up.
    /// </summary>
    public static FeedCoverage? Across(IEnumerable<string> containers, Func<string, FeedCoverage?> of)
    {
        FeedCoverage? all = null;
        foreach (var container in containers)
        {
            if (of(container) is not { } one)
            {
                return null;
            }
            all = all is { } so ? new(Max(so.From, one.From), Min(so.Through, one.Through)) : one;
        }
        return all;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
