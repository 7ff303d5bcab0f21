namespace MultiPhone.Cosmos;

/// <summary>
/// Who is changing data right now: the token's subject for a request, a named system actor for background work.
/// Every document the app writes carries it as <c>changedBy</c> (stamped by the one place that writes documents,
/// <c>ContainerExtensions</c>), so a change read back from the change feed says who made it.
/// </summary>
public static class ChangeAuthor
{
    private static readonly AsyncLocal<string?> Author = new();

    public static string? Current => Author.Value;

    /// <summary>Makes <paramref name="author"/> the author of the writes that follow in this async flow.</summary>
    public static void Set(string? author) => Author.Value = author;

    /// <summary>Runs background work as a named actor (e.g. "system:demo"), restoring the previous author after.</summary>
    public static IDisposable As(string author)
    {
        var previous = Author.Value;
        Author.Value = author;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Author.Value = previous;
    }
}
