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
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

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
