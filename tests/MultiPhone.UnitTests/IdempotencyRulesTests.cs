using MultiPhone.Idempotency;

namespace MultiPhone.UnitTests;

public sealed class IdempotencyRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static IdempotencyRecord Record(IdempotencyState state, TimeSpan age, string hash = "hash-a") => new()
    {
        Id = "key",
        BusinessId = "biz",
        RequestHash = hash,
        State = state,
        Status = state == IdempotencyState.Completed ? 201 : 0,
        Body = state == IdempotencyState.Completed ? "{}" : null,
        CreatedAt = Now - age,
        Ttl = 86400,
    };

    private static IdempotencyDecision Decide(IdempotencyRecord? record, string hash = "hash-a") =>
        IdempotencyRules.Decide(record, sameBody: record?.RequestHash == hash, Now);

    [Fact]
    public void NoRecordRunsTheRequest() =>
        Assert.Equal(IdempotencyDecision.Run, Decide(null));

    [Theory]
    [InlineData(0)]
    [InlineData(60 * 60)]
    [InlineData(24 * 60 * 60)] // exactly the retention: still kept
    public void CompletedRecordWithSameBodyIsReplayed(int ageSeconds) =>
        Assert.Equal(IdempotencyDecision.Replay, Decide(Record(IdempotencyState.Completed, TimeSpan.FromSeconds(ageSeconds))));

    [Theory]
    [InlineData(IdempotencyState.Completed)]
    [InlineData(IdempotencyState.InProgress)]
    public void SameKeyWithAnotherBodyIsAMismatch(IdempotencyState state) =>
        Assert.Equal(IdempotencyDecision.Mismatch, Decide(Record(state, TimeSpan.FromSeconds(5)), hash: "hash-b"));

    [Fact]
    public void MismatchIsReportedEvenForAnAbandonedInProgressRecord() =>
        Assert.Equal(IdempotencyDecision.Mismatch, Decide(Record(IdempotencyState.InProgress, TimeSpan.FromMinutes(10)), hash: "hash-b"));

    [Fact]
    public void RecentInProgressRecordIsInProgress() =>
        Assert.Equal(IdempotencyDecision.InProgress, Decide(Record(IdempotencyState.InProgress, TimeSpan.FromSeconds(5))));

    [Fact]
    public void InProgressRecordExactlyAtTheAbandonLimitIsStillInProgress() =>
        Assert.Equal(IdempotencyDecision.InProgress, Decide(Record(IdempotencyState.InProgress, IdempotencyStore.AbandonedAfter)));

    [Fact]
    public void InProgressRecordOlderThanTheAbandonLimitIsTakenOver() =>
        Assert.Equal(IdempotencyDecision.TakeOver, Decide(Record(IdempotencyState.InProgress, IdempotencyStore.AbandonedAfter + Tick)));

    [Fact]
    public void CompletedRecordIsNeverAbandoned() =>
        Assert.Equal(IdempotencyDecision.Replay, Decide(Record(IdempotencyState.Completed, IdempotencyStore.AbandonedAfter + TimeSpan.FromHours(1))));

    [Theory]
    [InlineData(IdempotencyState.Completed, "hash-a")]
    [InlineData(IdempotencyState.Completed, "hash-b")]
    [InlineData(IdempotencyState.InProgress, "hash-a")]
    [InlineData(IdempotencyState.InProgress, "hash-b")]
    public void RecordOlderThanRetentionIsTakenOverWhateverItHolds(IdempotencyState state, string hash) =>
        Assert.Equal(IdempotencyDecision.TakeOver, Decide(Record(state, IdempotencyStore.Retention + Tick), hash));

    [Fact]
    public void RecordFromTheFutureIsNotTakenOver()
    {
        // Clock skew between instances must not let a second request run alongside the first.
        Assert.Equal(IdempotencyDecision.InProgress, Decide(Record(IdempotencyState.InProgress, TimeSpan.FromMinutes(-5))));
        Assert.Equal(IdempotencyDecision.Replay, Decide(Record(IdempotencyState.Completed, TimeSpan.FromMinutes(-5))));
    }
}
