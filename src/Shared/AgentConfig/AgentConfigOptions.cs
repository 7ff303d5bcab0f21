
namespace MultiPhone.AgentConfig;

public sealed class AgentConfigOptions
{
    public const string Section = "AgentConfig";

    /// <summary>
    /// The oldest data a voice agent may be served: a change reaches every agent within this time. Zero turns the
    /// cache off (every request reads Cosmos).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Phones kept at most; beyond it, entries past their staleness are dropped first.</summary>
    [Range(100, 10_000_000)]
    public int MaxEntries { get; set; } = 100_000;
}
