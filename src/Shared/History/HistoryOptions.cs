namespace MultiPhone.History;

public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>
    /// The most revisions a business keeps, whatever their retention: beyond it the oldest go (<see cref="HistoryCapRoute"/>).
    /// </summary>
    [Range(10, 10_000_000)]
    public int MaxRevisionsPerBusiness { get; set; } = 100_000;

    /// <summary>How often, at most, one instance checks one business against <see cref="MaxRevisionsPerBusiness"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CapCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
