namespace MultiPhone.Idempotency;

public enum IdempotencyDecision
{
    /// <summary>No usable record: run the request.</summary>
    Run,
    /// <summary>A record of a request that died (or expired): replace it and run the request.</summary>
    TakeOver,
    /// <summary>The first request finished: answer with its response.</summary>
    Replay,
    /// <summary>The first request is still running: 409, retry later.</summary>
    InProgress,
    /// <summary>The key was used with another body: 422.</summary>
    Mismatch,
}

public static class IdempotencyRules
{
    /// <param name="existing">The record of an earlier request with the key, if any.</param>
    /// <param name="sameBody">Whether <paramref name="existing"/> was made for the same request body.</param>
    /// <param name="now">The current time.</param>
    public static IdempotencyDecision Decide(IdempotencyRecord? existing, bool sameBody, DateTimeOffset now)
    {
        if (existing is null)
        {
            return IdempotencyDecision.Run;
        }
        var age = now - existing.CreatedAt;
        if (age > IdempotencyStore.Retention)
        {
            // Cosmos TTL removes old records in Azure; the local server does not, so expiry is also checked here.
            return IdempotencyDecision.TakeOver;
        }
        if (!sameBody)
        {
            return IdempotencyDecision.Mismatch;
        }
        return existing.State switch
        {
            IdempotencyState.Completed => IdempotencyDecision.Replay,
            _ when age > IdempotencyStore.AbandonedAfter => IdempotencyDecision.TakeOver,
            _ => IdempotencyDecision.InProgress,
        };
    }
}
