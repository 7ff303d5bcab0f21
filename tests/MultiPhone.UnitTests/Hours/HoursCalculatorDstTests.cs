using MultiPhone.Hours;
using static MultiPhone.UnitTests.Hours.HoursFixtures;

namespace MultiPhone.UnitTests.Hours;

/// <summary>
/// Periods that open or close inside a DST gap or overlap: an opening in a gap moves forward by the gap, in an
/// overlap it takes the first occurrence; a closing moves forward in a gap and takes the last occurrence in an overlap.
/// </summary>
public sealed class HoursCalculatorDstTests
{
    private const string NewYork = "America/New_York";
    private const string London = "Europe/London";
    private const string LordHowe = "Australia/Lord_Howe";

    // 2026-03-08 02:00 EST jumps to 03:00 EDT.
    [Theory]
    [InlineData("2026-03-08T01:59-05:00", false, "2026-03-08T03:30-04:00")]
    [InlineData("2026-03-08T03:15-04:00", false, "2026-03-08T03:30-04:00")]
    [InlineData("2026-03-08T03:30-04:00", true, "2026-03-08T05:00-04:00")]
    public void NewYorkOpeningInTheSpringGapMovesForwardByTheGap(string at, bool open, string next) =>
        Assert.Equal(new HoursStatus(open, At(next)), Evaluate(Effective([W(DayOfWeek.Sunday, "02:30", "05:00")]), NewYork, at));

    [Fact]
    public void NewYorkClosingInTheSpringGapMovesForwardByTheGap() =>
        Assert.Equal(Open("2026-03-08T03:30-04:00"), Evaluate(Effective([W(DayOfWeek.Sunday, "00:00", "02:30")]), NewYork, "2026-03-08T01:30-05:00"));

    [Fact]
    public void NewYorkOvernightPeriodClosingInTheSpringGapRunsToTheShiftedClose() =>
        Assert.Equal(Open("2026-03-08T03:30-04:00"), Evaluate(Effective([W(DayOfWeek.Saturday, "22:00", "02:30")]), NewYork, "2026-03-07T23:00-05:00"));

    [Fact]
    public void NewYorkPeriodOpeningInTheGapAndClosingAtItsEndNeverOpens() =>
        Assert.Equal(
            Closed("2026-03-08T10:00-04:00"),
            Evaluate(Effective([W(DayOfWeek.Sunday, "02:30", "03:00"), W(DayOfWeek.Sunday, "10:00", "11:00")]), NewYork, "2026-03-08T01:00-05:00"));

    // 2026-11-01 02:00 EDT falls back to 01:00 EST, so 01:00-01:59 happens twice.
    [Theory]
    [InlineData("2026-11-01T01:15-04:00", false, "2026-11-01T01:30-04:00")]
    [InlineData("2026-11-01T01:30-04:00", true, "2026-11-01T04:00-05:00")]
    [InlineData("2026-11-01T01:10-05:00", true, "2026-11-01T04:00-05:00")]
    public void NewYorkOpeningInTheFallOverlapTakesTheFirstOccurrence(string at, bool open, string next) =>
        Assert.Equal(new HoursStatus(open, At(next)), Evaluate(Effective([W(DayOfWeek.Sunday, "01:30", "04:00")]), NewYork, at));

    [Theory]
    [InlineData("2026-11-01T01:45-04:00")]
    [InlineData("2026-11-01T01:15-05:00")]
    public void NewYorkClosingInTheFallOverlapTakesTheLastOccurrence(string at) =>
        Assert.Equal(Open("2026-11-01T01:30-05:00"), Evaluate(Effective([W(DayOfWeek.Sunday, "00:00", "01:30")]), NewYork, at));

    [Fact]
    public void NewYorkPeriodInsideTheFallOverlapIsOpenForBothOccurrences()
    {
        var hours = Effective([W(DayOfWeek.Sunday, "01:00", "01:30")]);

        Assert.Equal(Open("2026-11-01T01:30-05:00"), Evaluate(hours, NewYork, "2026-11-01T01:45-04:00"));
        Assert.Equal(Closed("2026-11-08T01:00-05:00"), Evaluate(hours, NewYork, "2026-11-01T01:30-05:00"));
    }

    // 2026-03-29 01:00 GMT jumps to 02:00 BST.
    [Fact]
    public void LondonOpeningInTheSpringGapMovesForwardByTheGap()
    {
        var hours = Effective([W(DayOfWeek.Sunday, "01:30", "03:00")]);

        Assert.Equal(Closed("2026-03-29T02:30+01:00"), Evaluate(hours, London, "2026-03-29T02:15+01:00"));
        Assert.Equal(Open("2026-03-29T03:00+01:00"), Evaluate(hours, London, "2026-03-29T02:30+01:00"));
    }

    // 2026-10-25 02:00 BST falls back to 01:00 GMT.
    [Fact]
    public void LondonClosingInTheAutumnOverlapTakesTheLastOccurrence() =>
        Assert.Equal(Open("2026-10-25T01:30Z"), Evaluate(Effective([W(DayOfWeek.Sunday, "00:00", "01:30")]), London, "2026-10-25T01:45+01:00"));

    [Fact]
    public void LondonOpeningInTheAutumnOverlapTakesTheFirstOccurrence() =>
        Assert.Equal(Closed("2026-10-25T01:30+01:00"), Evaluate(Effective([W(DayOfWeek.Sunday, "01:30", "03:00")]), London, "2026-10-24T23:00Z"));

    [Theory]
    [InlineData("2026-06-01T08:59+05:30", false, "2026-06-01T03:30Z")]
    [InlineData("2026-06-01T03:30Z", true, "2026-06-01T11:30Z")]
    [InlineData("2026-06-01T11:30Z", false, "2026-06-08T03:30Z")]
    public void KolkataHoursFollowTheHalfHourOffset(string at, bool open, string next) =>
        Assert.Equal(new HoursStatus(open, At(next)), Evaluate(Effective([W(DayOfWeek.Monday, "09:00", "17:00")]), "Asia/Kolkata", at));

    // 2026-04-05 02:00 (+11:00) falls back half an hour to 01:30 (+10:30).
    [Theory]
    [InlineData("2026-04-05T01:40+11:00", false, "2026-04-05T01:45+11:00")]
    [InlineData("2026-04-05T01:35+10:30", true, "2026-04-05T03:00+10:30")]
    public void LordHoweOpeningInTheHalfHourOverlapTakesTheFirstOccurrence(string at, bool open, string next) =>
        Assert.Equal(new HoursStatus(open, At(next)), Evaluate(Effective([W(DayOfWeek.Sunday, "01:45", "03:00")]), LordHowe, at));

    [Fact]
    public void LordHoweClosingInTheHalfHourOverlapTakesTheLastOccurrence() =>
        Assert.Equal(Open("2026-04-05T01:45+10:30"), Evaluate(Effective([W(DayOfWeek.Sunday, "00:00", "01:45")]), LordHowe, "2026-04-05T01:50+11:00"));

    // 2026-10-04 02:00 (+10:30) jumps half an hour to 02:30 (+11:00).
    [Theory]
    [InlineData("2026-10-04T01:59+10:30", false, "2026-10-04T02:45+11:00")]
    [InlineData("2026-10-04T02:35+11:00", false, "2026-10-04T02:45+11:00")]
    [InlineData("2026-10-04T02:45+11:00", true, "2026-10-04T04:00+11:00")]
    public void LordHoweOpeningInTheHalfHourGapMovesForwardByHalfAnHour(string at, bool open, string next) =>
        Assert.Equal(new HoursStatus(open, At(next)), Evaluate(Effective([W(DayOfWeek.Sunday, "02:15", "04:00")]), LordHowe, at));

    [Fact]
    public void LordHoweClosingInTheHalfHourGapMovesForwardByHalfAnHour() =>
        Assert.Equal(Open("2026-10-04T02:45+11:00"), Evaluate(Effective([W(DayOfWeek.Sunday, "00:00", "02:15")]), LordHowe, "2026-10-04T01:00+10:30"));

    [Fact]
    public void AlwaysOpenStaysOneStretchAcrossBothChanges() =>
        Assert.Equal(
            Open("2026-12-25T00:00-05:00"),
            Evaluate(Effective(alwaysOpen: true, holidays: [ClosedOn("2026-12-25")]), NewYork, "2026-03-07T12:00-05:00"));
}
