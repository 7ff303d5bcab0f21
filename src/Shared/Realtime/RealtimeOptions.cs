
namespace MultiPhone.Realtime;

public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Read the change feed: route changes to the channels and keep the agent-config cache fresh.</summary>
    public bool ChangeFeed { get; set; } = true;

    /// <summary>How often an idle change feed is asked for news; the main part of the delay from a write to its message.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages of one change sent at once (a default change fans out to every inheriting phone).</summary>
    [Range(1, 256)]
    public int MaxParallelSends { get; set; } = 32;
}
