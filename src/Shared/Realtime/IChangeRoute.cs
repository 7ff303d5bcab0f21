namespace MultiPhone.Realtime;

/// <summary>
/// How a change of one container's documents becomes channel messages: each feature registers the routes of its
/// documents next to its store. A route may remember what it last saw to tell what a change changed; that memory is
/// lost on restart or when a lease moves, and a change is then taken to affect everything it could.
/// </summary>
public interface IChangeRoute
{
    string Container { get; }

    /// <param name="change">A changed document of <see cref="Container"/>, with a business id.</param>
    /// <param name="reads">Where to read what the change affects, each read once per batch of the feed.</param>
    /// <param name="ct">Cancellation.</param>
    Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct);
}

/// <summary>
/// Reads for routing one batch of the change feed, each made once however many changes of the batch need it (the
/// first time one does). Every change of a batch was written before the batch was read, so one read made while
/// routing it is at least as new as each of them: messages may carry a later state than their change (coalescing),
/// never an earlier one. A batch is routed one change at a time.
/// </summary>
public sealed class ChangeReads
{
    private readonly Dictionary<(string What, string BusinessId), Task> _reads = [];

    /// <param name="what">The read, the same for every route that makes it (so the batch shares it).</param>
    /// <param name="businessId">The business partition it reads.</param>
    /// <param name="read">The read itself.</param>
    public Task<T> OnceAsync<T>(string what, string businessId, Func<Task<T>> read)
    {
        if (!_reads.TryGetValue((what, businessId), out var pending))
        {
            _reads[(what, businessId)] = pending = read();
        }
        return (Task<T>)pending;
    }

    /// <summary>
    /// The read <paramref name="what"/> of the business if this batch has made or begun it: a narrower read is then
    /// answered from it (a phone from the business's phones) instead of being made too.
    /// </summary>
    public Task<T>? Made<T>(string what, string businessId) =>
        _reads.TryGetValue((what, businessId), out var made) ? (Task<T>)made : null;
}

/// <summary>What a route remembers, bounded: forgetting is safe (the next change is then taken to affect everything it could).</summary>
internal sealed class RouteMemory<TValue>
{
    private const int MaxRemembered = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TValue> _memory = new(StringComparer.Ordinal);

    public bool TryGet(string key, out TValue value) => _memory.TryGetValue(key, out value!);

    public void Forget(string key) => _memory.TryRemove(key, out _);

    public void Remember(string key, TValue value)
    {
        if (_memory.Count >= MaxRemembered)
        {
            _memory.Clear();
        }
        _memory[key] = value;
    }
}
