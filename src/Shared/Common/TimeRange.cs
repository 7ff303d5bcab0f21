namespace MultiPhone.Common;

/// <summary>
/// The one range of instants the API accepts (previews with <c>at</c>): far wider than any real use, and narrow enough
/// that the hours engine's search (400 days on from the instant) stays inside the calendar it computes with.
/// </summary>
public static class TimeRange
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(2199, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public const string Rule = "Must be an instant from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59Z.";

    public static bool Contains(DateTimeOffset instant) => instant >= Earliest && instant <= Latest;
}
