using System.Collections.Concurrent;

namespace MultiPhone.Realtime;

/// <summary>
/// This instance's change feed readers for its in-memory caches (<see cref="ChangeFeedListener"/>'s pull readers, which
/// hand every change to the <see cref="IChangeObserver"/>s): how far each has read, which a cache may trust instead of
/// reading its entries again, and how promptly a cache in use wants them to read (<see cref="ChangeFeedPacer"/>). They
/// read only while a cache is in use: an unused cache holds nothing its readers could vouch for (its entries are older
/// than it trusts), so reading every change for it would cost Cosmos and the instance for nothing.
/// </summary>
public sealed class CacheFeeds
{
    private readonly ConcurrentDictionary<string, FeedCoverage> _covered = new(StringComparer.Ordinal);
    private long _wantedUntil;
    private long _wantedEvery;
    private TaskCompletionSource _wanted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Published by the reader of <paramref name="container"/> once every change it read is applied.</summary>
    public void Covered(string container, FeedCoverage coverage) => _covered[container] = coverage;

    /// <summary>What the readers of all of <paramref name="containers"/> vouch for together (nothing while one has not published).</summary>
    public FeedCoverage? Of(IEnumerable<string> containers) =>
        FeedCoverage.Across(containers, container => _covered.TryGetValue(container, out var coverage) ? coverage : null);

    /// <summary>
    /// A cache relying on the readers: they should read at least every <paramref name="every"/>, for the next
    /// <paramref name="lasting"/> (the real clock: it paces requests). Cheap enough to call on every use.
    /// </summary>
    public void Want(TimeSpan every, TimeSpan lasting)
    {
        Volatile.Write(ref _wantedEvery, every.Ticks);
        Volatile.Write(ref _wantedUntil, TimeProvider.System.GetTimestamp() + (long)(lasting.TotalSeconds * TimeProvider.System.TimestampFrequency));
        Volatile.Read(ref _wanted).TrySetResult();
    }

    /// <summary>Returns once a cache wants its readers (at once while one does).</summary>
    public async Task WhenWantedAsync(CancellationToken ct)
    {
        while (WantedEvery is null)
        {
            // A signal already given is replaced before looking again, so a Want after that look completes the new one.
            var signal = Volatile.Read(ref _wanted);
            if (signal.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _wanted, new(TaskCreationOptions.RunContinuationsAsynchronously), signal);
                continue;
            }
            await signal.Task.WaitAsync(ct);
        }
    }

    /// <summary>How often a cache wants its readers to read now: only while it was used lately.</summary>
    public TimeSpan? WantedEvery =>
        TimeProvider.System.GetTimestamp() < Volatile.Read(ref _wantedUntil) ? TimeSpan.FromTicks(Volatile.Read(ref _wantedEvery)) : null;
}
