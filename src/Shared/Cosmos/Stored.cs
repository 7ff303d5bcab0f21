namespace MultiPhone.Cosmos;

/// <summary>A document as stored, with the ETag that guards the next conditional write.</summary>
public sealed record Stored<T>(T Item, string ETag);

public enum WriteStatus
{
    Done,
    /// <summary>An item with that id (or unique key) already exists: 409.</summary>
    Conflict,
    /// <summary>The If-Match ETag no longer matches: 412.</summary>
    Stale,
    /// <summary>The item does not exist: 404.</summary>
    Missing,
}

public readonly record struct Write<T>(WriteStatus Status, Stored<T>? Stored)
{
    public bool Done => Status == WriteStatus.Done;
}
