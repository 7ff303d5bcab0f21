using MultiPhone.ScheduledChanges;
using NodaTime;

namespace MultiPhone.UnitTests.ScheduledChanges;

/// <summary>A wall-clock time in a zone as an instant: gaps move forward, overlaps take the earlier offset.</summary>
public sealed class LocalTimesTests
{
    [Theory]
    // Ordinary times, whole, half-hour and 45-minute offsets, both hemispheres.
    [InlineData("America/New_York", "2027-01-04T09:00", "2027-01-04T14:00:00Z")]
    [InlineData("America/Los_Angeles", "2027-01-04T09:00", "2027-01-04T17:00:00Z")]
    [InlineData("Europe/London", "2027-07-01T09:00", "2027-07-01T08:00:00Z")]
    [InlineData("Asia/Kolkata", "2027-01-04T09:00", "2027-01-04T03:30:00Z")]
    [InlineData("Asia/Kathmandu", "2027-01-04T09:00", "2027-01-04T03:15:00Z")]
    [InlineData("Pacific/Chatham", "2027-01-04T09:00", "2027-01-03T19:15:00Z")]
    [InlineData("Australia/Lord_Howe", "2027-01-04T09:00", "2027-01-03T22:00:00Z")]
    // Far ahead: the zone's current rules carry on.
    [InlineData("America/New_York", "2099-07-01T09:00", "2099-07-01T13:00:00Z")]
    [InlineData("Pacific/Chatham", "2099-07-01T09:00", "2099-06-30T20:15:00Z")]
    public void ALocalTimeIsTheInstantItNamesInTheZone(string zone, string local, string expected) =>
        Assert.Equal(Instant.FromDateTimeOffset(DateTimeOffset.Parse(expected)), Resolve(zone, local));

    [Theory]
    // Spring forward: the hour (or half hour) that does not exist moves to the first instant after the gap.
    [InlineData("America/New_York", "2027-03-14T02:30", "2027-03-14T07:00:00Z")]
    [InlineData("Europe/London", "2027-03-28T01:15", "2027-03-28T01:00:00Z")]
    [InlineData("Australia/Lord_Howe", "2027-10-03T02:15", "2027-10-02T15:30:00Z")]
    [InlineData("Pacific/Chatham", "2027-09-26T02:50", "2027-09-25T14:00:00Z")]
    public void ATimeInAGapMovesToTheFirstInstantAfterIt(string zone, string local, string expected)
    {
        var resolved = Resolve(zone, local);
        Assert.Equal(Instant.FromDateTimeOffset(DateTimeOffset.Parse(expected)), resolved);
        // The first instant after the gap is where the clocks jumped to.
        var tz = DateTimeZoneProviders.Tzdb[zone];
        Assert.NotEqual(tz.GetUtcOffset(resolved - Duration.FromSeconds(1)), tz.GetUtcOffset(resolved));
    }

    [Theory]
    // Fall back: the repeated hour (or half hour) takes the earlier of its two instants, the summer offset.
    [InlineData("America/New_York", "2027-11-07T01:30", "2027-11-07T05:30:00Z")]
    [InlineData("Europe/London", "2027-10-31T01:30", "2027-10-31T00:30:00Z")]
    [InlineData("Australia/Lord_Howe", "2027-04-04T01:45", "2027-04-03T14:45:00Z")]
    [InlineData("Pacific/Chatham", "2027-04-04T03:00", "2027-04-03T13:15:00Z")]
    public void AnAmbiguousTimeTakesTheEarlierOffset(string zone, string local, string expected)
    {
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var mapping = tz.MapLocal(LocalTimes.Parse(local)!.Value);
        Assert.Equal(2, mapping.Count);
        Assert.Equal(Instant.FromDateTimeOffset(DateTimeOffset.Parse(expected)), Resolve(zone, local));
        Assert.Equal(mapping.First().ToInstant(), Resolve(zone, local));
    }

    [Theory]
    [InlineData("2027-01-04T09:00", "2027-01-04T09:00")]
    [InlineData("2027-01-04T09:00:30", "2027-01-04T09:00:30")]
    [InlineData("2027-01-04 09:00", null)]
    [InlineData("2027-02-30T09:00", null)]
    [InlineData("2027-01-04T24:00", "2027-01-05T00:00")]
    [InlineData("09:00", null)]
    public void LocalTimesAreReadOnlyInTheirOneForm(string text, string? expected) =>
        Assert.Equal(expected, LocalTimes.Parse(text) is { } local ? LocalTimes.Format(local) : null);

    private static Instant Resolve(string zone, string local) => LocalTimes.Resolve(LocalTimes.Parse(local)!.Value, DateTimeZoneProviders.Tzdb[zone]);
}
