namespace MultiPhone.Idempotency;

/// <summary>
/// The first response to a POST that carried an Idempotency-Key, kept so that a retry gets exactly that response.
/// While the first request runs, the record is <see cref="IdempotencyState.InProgress"/> and holds no response.
/// </summary>
public sealed record IdempotencyRecord
{
    /// <summary>Hash of caller, method, path and key: a key is scoped to the caller and the resource it was sent to.</summary>
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    /// <summary>
    /// SHA-256 of the request body encrypted with Data Protection, to refuse the same key with another body. Bodies may
    /// hold secrets (an integration's), so no plain hash of them is stored.
    /// </summary>
    public required string RequestHash { get; init; }

    public required IdempotencyState State { get; init; }

    public int Status { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    public string? Body { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Cosmos per-item TTL in seconds.</summary>
    public required int Ttl { get; init; }
}

public enum IdempotencyState
{
    InProgress,
    Completed,
}
