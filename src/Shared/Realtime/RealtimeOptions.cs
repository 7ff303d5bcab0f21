namespace MultiPhone.Realtime;

public sealed class RealtimeOptions : IValidatableObject
{
    public const string Section = "Realtime";

    /// <summary>Read the change feed: route changes to the channels and keep the agent-config cache fresh.</summary>
    public bool ChangeFeed { get; set; } = true;

    /// <summary>
    /// How soon a feed that just had changes is asked again (<see cref="ChangeFeedPacer"/>): the delay from another
    /// instance's write to its message while the feed is busy.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longest a quiet feed waits before it is asked again: what an idle instance costs Cosmos (a read per feed
    /// per interval), and the longest another instance's first write after a quiet spell waits for its message.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(1250);

    /// <summary>
    /// How long a lease of the change feed processor outlives its last renewal: the longest an instance that died
    /// without stopping (a crash, kill -9) keeps its part of the feed from the others, who then take it over. The
    /// renewal and the others' look for expired leases are paced from it in the SDK's own proportions (60 s: renewed
    /// every 17 s, looked for every 13 s), so a shorter one costs more lease requests when idle. An instance that
    /// stops gracefully (a scale-in, a deployment) gives its leases up at once whatever this is.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan LeaseExpiration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a lease is renewed: the SDK's 17 s for its 60 s expiration, in proportion.</summary>
    public TimeSpan LeaseRenewInterval => LeaseExpiration * 17 / 60;

    /// <summary>How often an instance looks for leases to take (expired ones, or its share): the SDK's 13 s for 60 s.</summary>
    public TimeSpan LeaseAcquireInterval => LeaseExpiration * 13 / 60;

    /// <summary>Messages of one change sent at once (a default change fans out to every inheriting phone).</summary>
    [Range(1, 256)]
    public int MaxParallelSends { get; set; } = 32;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxPollInterval < PollInterval)
        {
            yield return new ValidationResult($"{nameof(MaxPollInterval)} must be at least {nameof(PollInterval)}.", [nameof(MaxPollInterval)]);
        }
    }
}
