namespace MultiPhone.Cosmos;

/// <summary>Who makes a change: a person, or the background work acting for one (a migration run, a schedule, a bulk edit).</summary>
public enum AuthorKind
{
    User,
    Migration,
    Schedule,
    BulkEdit,
    System,
}

/// <param name="Kind">A person or which kind of background work.</param>
/// <param name="Id">The token's subject for a user; the run's, schedule's or bulk edit's id otherwise.</param>
/// <param name="Name">A display name, when the token carries one.</param>
/// <param name="Role">The caller's role in the business written to, for a user.</param>
public sealed record Author(AuthorKind Kind, string Id, string? Name = null, string? Role = null)
{
    /// <summary>The <c>changedBy</c> text of documents and realtime messages: the subject, or "kind:id" for background work.</summary>
    [JsonIgnore]
    public string ChangedBy => Kind == AuthorKind.User ? Id : $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}

/// <summary>
/// Who is changing data right now, and in answer to which request: the token's subject for a request, a named actor
/// for background work. Every document the app writes carries it as <c>changedBy</c> (stamped by the one place that
/// writes documents, <c>ContainerExtensions</c>), so a change read back from the change feed says who made it; every
/// revision records it whole.
/// </summary>
public static class ChangeAuthor
{
    private static readonly AsyncLocal<(Author? Author, string? RequestId)> Context = new();

    public static Author? Who => Context.Value.Author;

    public static string? Current => Context.Value.Author?.ChangedBy;

    public static string? RequestId => Context.Value.RequestId;

    /// <summary>Makes <paramref name="author"/> the author of the writes that follow in this async flow.</summary>
    public static void Set(Author? author, string? requestId = null) => Context.Value = (author, requestId);

    /// <summary>Runs background work as <paramref name="author"/>, restoring the previous author after.</summary>
    public static IDisposable As(Author author)
    {
        var previous = Context.Value;
        Context.Value = (author, previous.RequestId);
        return new Restore(previous);
    }

    private sealed class Restore((Author?, string?) previous) : IDisposable
    {
        public void Dispose() => Context.Value = previous;
    }
}
