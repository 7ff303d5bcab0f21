namespace MultiPhone.Cosmos;

/// <summary>
/// A container a feature needs. Features register theirs with <c>AddCosmosContainer</c>; the initializer creates the
/// missing ones when configuration asks for it.
/// </summary>
public sealed record ContainerDefinition(string Name, string PartitionKeyPath, params string[][] UniqueKeys)
{
    /// <summary>Turns on per-item TTL (an item's <c>ttl</c> field) without expiring anything by default.</summary>
    public bool PerItemTtl { get; init; }

    /// <summary>
    /// Every write of its documents commits with a revision stored beside them, in the same partition (History/): the
    /// history reads this container, and per-item TTL is on so revisions expire.
    /// </summary>
    public bool KeepsHistory { get; init; }

    /// <summary>Whether items may carry their own TTL: asked for, or needed by revisions.</summary>
    public bool AllowsItemTtl => PerItemTtl || KeepsHistory;
}
