using MultiPhone.Hours;
using NodaTime;
using static MultiPhone.UnitTests.Hours.HoursFixtures;

namespace MultiPhone.UnitTests.Hours;

/// <summary>Schedules in New York away from DST changes; 2026-06-01 and 2026-12-21 are Mondays.</summary>
public sealed class HoursCalculatorTests
{
    private const string NewYork = "America/New_York";

    private static readonly OperatingHours NineToFive = OperatingHours.SystemDefault;

    [Theory]
    [InlineData("2026-06-01T08:59-04:00", false, "2026-06-01T09:00-04:00")]
    [InlineData("2026-06-01T09:00-04:00", true, "2026-06-01T17:00-04:00")]
    [InlineData("2026-06-01T17:00-04:00", false, "2026-06-02T09:00-04:00")]
    [InlineData("2026-06-05T17:00-04:00", false, "2026-06-08T09:00-04:00")]
    public void OpeningIsInclusiveAndClosingExclusive(string at, bool open, string next) =>
        Assert.Equal(new HoursStatus(open, At(next)), Evaluate(NineToFive, NewYork, at));

    [Theory]
    [InlineData("2026-06-05T21:00-04:00", false, "2026-06-05T22:00-04:00")]
    [InlineData("2026-06-05T23:00-04:00", true, "2026-06-06T02:00-04:00")]
    [InlineData("2026-06-06T01:00-04:00", true, "2026-06-06T02:00-04:00")]
    [InlineData("2026-06-06T02:00-04:00", false, "2026-06-12T22:00-04:00")]
    public void OvernightPeriodRunsIntoTheNextDay(string at, bool open, string next) =>
        Assert.Equal(new HoursStatus(open, At(next)), Evaluate(Effective([W(DayOfWeek.Friday, "22:00", "02:00")]), NewYork, at));

    [Fact]
    public void PeriodsMeetingAtMidnightAreOneStretch() =>
        Assert.Equal(
            Open("2026-06-02T06:00-04:00"),
            Evaluate(Effective([W(DayOfWeek.Monday, "22:00", "24:00"), W(DayOfWeek.Tuesday, "00:00", "06:00")]), NewYork, "2026-06-01T23:00-04:00"));

    [Theory]
    [InlineData("2026-06-01T11:00-04:00", true, "2026-06-01T12:00-04:00")]
    [InlineData("2026-06-01T12:30-04:00", false, "2026-06-01T13:00-04:00")]
    [InlineData("2026-06-01T13:00-04:00", true, "2026-06-01T17:00-04:00")]
    public void SplitShiftClosesOverLunch(string at, bool open, string next) =>
        Assert.Equal(
            new HoursStatus(open, At(next)),
            Evaluate(Effective([W(DayOfWeek.Monday, "09:00", "12:00"), W(DayOfWeek.Monday, "13:00", "17:00")]), NewYork, at));

    [Fact]
    public void HolidayClosesANormallyOpenDay()
    {
        var hours = NineToFive with { Holidays = [ClosedOn("2026-12-25")] };

        Assert.Equal(Open("2026-12-24T17:00-05:00"), Evaluate(hours, NewYork, "2026-12-24T16:00-05:00"));
        Assert.Equal(Closed("2026-12-28T09:00-05:00"), Evaluate(hours, NewYork, "2026-12-25T10:00-05:00"));
    }

    [Fact]
    public void NextChangeSkipsAMultiDayHoliday() =>
        Assert.Equal(
            Closed("2027-01-01T09:00-05:00"),
            Evaluate(NineToFive with { Holidays = [ClosedOn("2026-12-24", "2026-12-31")] }, NewYork, "2026-12-23T17:30-05:00"));

    [Fact]
    public void HolidayWithItsOwnPeriodsReplacesTheWeek() =>
        Assert.Equal(
            Closed("2026-12-25T09:00-05:00"),
            Evaluate(NineToFive with { Holidays = [OpenOn("2026-12-24", P("09:00", "13:00"))] }, NewYork, "2026-12-24T14:00-05:00"));

    [Theory]
    [InlineData("2026-12-24T09:30-05:00", false, "2026-12-24T10:00-05:00")]
    [InlineData("2026-12-24T13:00-05:00", true, "2026-12-24T14:00-05:00")]
    [InlineData("2026-12-24T14:30-05:00", false, "2026-12-25T09:00-05:00")]
    public void SpecialDayReplacesTheWeekWithItsPeriods(string at, bool open, string next) =>
        Assert.Equal(
            new HoursStatus(open, At(next)),
            Evaluate(NineToFive with { SpecialDays = [OpenOn("2026-12-24", P("10:00", "14:00"))] }, NewYork, at));

    [Fact]
    public void SpecialDayTakesPriorityOverAHoliday() =>
        Assert.Equal(
            Open("2026-12-24T12:00-05:00"),
            Evaluate(
                NineToFive with { SpecialDays = [OpenOn("2026-12-24", P("10:00", "12:00"))], Holidays = [ClosedOn("2026-12-24")] },
                NewYork, "2026-12-24T11:00-05:00"));

    [Fact]
    public void AlwaysOpenIsClosedOnlyOnItsHolidays()
    {
        var hours = Effective([W(DayOfWeek.Friday, "09:00", "10:00")], holidays: [ClosedOn("2026-12-25")], alwaysOpen: true);

        Assert.Equal(Open("2026-12-25T00:00-05:00"), Evaluate(hours, NewYork, "2026-12-24T12:00-05:00"));
        Assert.Equal(Closed("2026-12-26T00:00-05:00"), Evaluate(hours, NewYork, "2026-12-25T12:00-05:00"));
    }

    [Fact]
    public void AlwaysOpenWithoutClosuresNeverChanges() =>
        Assert.Equal(new HoursStatus(true, null), Evaluate(Effective(alwaysOpen: true), NewYork, "2026-06-01T12:00-04:00"));

    [Fact]
    public void NoPeriodsAtAllNeverOpens() =>
        Assert.Equal(new HoursStatus(false, null), Evaluate(Effective(), NewYork, "2026-06-01T12:00-04:00"));

    [Theory]
    [InlineData("2026-05-29T16:00-04:00", true, "2026-05-29T17:00-04:00")]
    [InlineData("2026-05-29T17:30-04:00", false, "2026-06-08T09:00-04:00")]
    [InlineData("2026-06-03T12:00-04:00", false, "2026-06-08T09:00-04:00")]
    public void ClosedForTheWholeComingWeek(string at, bool open, string next) =>
        Assert.Equal(
            new HoursStatus(open, At(next)),
            Evaluate(NineToFive with { SpecialDays = [ClosedOn("2026-06-01", "2026-06-07")] }, NewYork, at));

    [Fact]
    public void OvernightPeriodKeepsRunningIntoAClosedHoliday() =>
        Assert.Equal(
            Open("2026-12-25T02:00-05:00"),
            Evaluate(Effective([W(DayOfWeek.Thursday, "22:00", "02:00")], holidays: [ClosedOn("2026-12-25")]), NewYork, "2026-12-25T01:00-05:00"));

    [Fact]
    public void SpecialDayRangeAppliesItsPeriodsToEveryDate()
    {
        var hours = Effective(specialDays: [new SpecialDay { Date = "2026-06-01", EndDate = "2026-06-03", Periods = [P("20:00", "08:00")] }]);

        Assert.Equal(Open("2026-06-03T08:00-04:00"), Evaluate(hours, NewYork, "2026-06-02T23:00-04:00"));
        Assert.Equal(Open("2026-06-04T08:00-04:00"), Evaluate(hours, NewYork, "2026-06-03T21:00-04:00"));
        Assert.Equal(new HoursStatus(false, null), Evaluate(hours, NewYork, "2026-06-04T08:00-04:00"));
    }

    [Fact]
    public void ChangeIsLookedForUpTo400DaysAhead()
    {
        // 400 days after 2026-06-01 12:00 is 2027-07-06 12:00.
        const string at = "2026-06-01T12:00-04:00";

        Assert.Equal(Closed("2027-07-06T12:00-04:00"), Evaluate(Effective(specialDays: [OpenOn("2027-07-06", P("12:00", "13:00"))]), NewYork, at));
        Assert.Equal(new HoursStatus(false, null), Evaluate(Effective(specialDays: [OpenOn("2027-07-06", P("12:01", "13:00"))]), NewYork, at));
        Assert.Equal(Open("2027-07-06T00:00-04:00"), Evaluate(Effective(alwaysOpen: true, holidays: [ClosedOn("2027-07-06")]), NewYork, at));
        Assert.Equal(new HoursStatus(true, null), Evaluate(Effective(alwaysOpen: true, holidays: [ClosedOn("2027-07-07")]), NewYork, at));
    }

    [Fact]
    public void InvalidHoursAreRefused() =>
        Assert.Throws<ArgumentException>(() => Evaluate(Effective([W(DayOfWeek.Monday, "9am", "17:00")]), NewYork, "2026-06-01T12:00-04:00"));

    [Fact]
    public void SameScheduleFollowsEachLocationsZone()
    {
        var at = Instant.FromUtc(2026, 6, 1, 14, 0);

        Assert.True(HoursCalculator.Evaluate(NineToFive, DateTimeZoneProviders.Tzdb[NewYork], at).OpenNow);
        Assert.False(HoursCalculator.Evaluate(NineToFive, DateTimeZoneProviders.Tzdb["Asia/Tokyo"], at).OpenNow);
    }
}
