using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MultiPhone.Common;
using MultiPhone.Hours;

namespace MultiPhone.UnitTests.Hours;

public sealed class HoursRulesTests
{
    private const string BadOpen = "Must be a time HH:mm from 00:00 to 23:59.";
    private const string BadClose = "Must be a time HH:mm from 00:00 to 24:00.";
    private const string BadDate = "Must be a real date written yyyy-MM-dd, such as 2026-12-25.";

    private static IReadOnlyDictionary<string, string[]> Errors(OperatingHours hours)
    {
        var errors = new FieldErrors();
        HoursRules.Validate(hours, errors);
        return errors.Any ? errors.ToProblem().Errors! : new Dictionary<string, string[]>();
    }

    private static void AssertOnly(IReadOnlyDictionary<string, string[]> errors, string field, string message)
    {
        Assert.Equal([field], errors.Keys);
        Assert.Equal([message], errors[field]);
    }

    private static WeeklyPeriod W(DayOfWeek day, string open, string close) => new() { Day = day, Open = open, Close = close };

    private static TimePeriod P(string open, string close) => new() { Open = open, Close = close };

    private static SpecialDay Open(string date, string? endDate, params TimePeriod[] periods) =>
        new() { Date = date, EndDate = endDate, Periods = periods };

    private static SpecialDay Closed(string date, string? endDate = null) => new() { Date = date, EndDate = endDate, Closed = true };

    private static OperatingHours Weekly(params WeeklyPeriod[] periods) => new() { Weekly = periods };

    private static OperatingHours Special(params SpecialDay[] days) => new() { SpecialDays = days };

    [Fact]
    public void SystemDefaultIsValidAndDefinesEveryField()
    {
        var hours = OperatingHours.SystemDefault;

        Assert.Empty(Errors(hours));
        Assert.False(hours.AlwaysOpen);
        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            hours.Weekly!.Select(p => p.Day!.Value));
        Assert.All(hours.Weekly!, p => Assert.Equal(("09:00", "17:00"), (p.Open, p.Close)));
        Assert.Empty(hours.SpecialDays!);
        Assert.Empty(hours.Holidays!);
    }

    [Fact]
    public void AbsentFieldsAreValidBecauseTheyInherit() => Assert.Empty(Errors(new OperatingHours()));

    [Fact]
    public void FullScheduleWithOvernightSplitAndDatedEntriesIsValid()
    {
        var hours = new OperatingHours
        {
            AlwaysOpen = false,
            Weekly =
            [
                W(DayOfWeek.Monday, "09:00", "12:00"), W(DayOfWeek.Monday, "13:00", "17:00"),
                W(DayOfWeek.Friday, "22:00", "02:00"), W(DayOfWeek.Saturday, "02:00", "04:00"),
                W(DayOfWeek.Sunday, "18:00", "00:00"), W(DayOfWeek.Tuesday, "00:00", "24:00"),
            ],
            SpecialDays = [Open("2026-12-24", "2026-12-26", P("20:00", "08:00"), P("08:00", "12:00")), Closed("2026-12-27")],
            Holidays = [Closed("2026-12-25"), Open("2026-12-31", null, P("09:00", "13:00")) with { Label = new string('x', 100) }],
        };

        Assert.Empty(Errors(hours));
    }

    [Theory]
    [InlineData("9:00")]
    [InlineData("24:00")]
    [InlineData("23:60")]
    [InlineData("12:5")]
    [InlineData(" 12:00")]
    [InlineData("12:00\n")]
    [InlineData("١٢:٠٠")]
    [InlineData("12h00")]
    public void MalformedOpenTimeIsNamed(string open) =>
        AssertOnly(Errors(Weekly(W(DayOfWeek.Monday, open, "23:00"))), "weekly[0].open", BadOpen);

    [Theory]
    [InlineData("24:01")]
    [InlineData("25:00")]
    [InlineData("7pm")]
    [InlineData("17:00:00")]
    public void MalformedCloseTimeIsNamed(string close) =>
        AssertOnly(Errors(Special(Open("2026-12-24", null, P("09:00", close)))), "specialDays[0].periods[0].close", BadClose);

    [Fact]
    public void WeeklyPeriodNeedsDayOpenAndClose()
    {
        var errors = Errors(Weekly(new WeeklyPeriod { Open = " " }));

        Assert.Equal(["weekly[0].close", "weekly[0].day", "weekly[0].open"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Equal(["Required."], messages));
    }

    [Fact]
    public void NumberThatIsNotADayOfTheWeekIsRefused() =>
        AssertOnly(Errors(Weekly(W((DayOfWeek)7, "09:00", "17:00"))), "weekly[0].day", "Must be a day of the week, such as monday.");

    [Theory]
    [InlineData("09:00", "09:00")]
    [InlineData("00:00", "00:00")]
    public void ZeroLengthPeriodIsRefused(string open, string close) =>
        AssertOnly(Errors(Weekly(W(DayOfWeek.Monday, open, close))), "weekly[0].close", "Must differ from open; use 00:00-24:00 for a whole day.");

    [Fact]
    public void EveryDayOpenAroundTheClockIsValid() =>
        Assert.Empty(Errors(Weekly([.. Enum.GetValues<DayOfWeek>().Select(day => W(day, "00:00", "24:00"))])));

    [Fact]
    public void MissingListEntriesAreRequired()
    {
        var errors = Errors(new OperatingHours
        {
            Weekly = [null!],
            SpecialDays = [null!],
            Holidays = [Open("2026-12-24", null, [null!])],
        });

        Assert.Equal(["holidays[0].periods[0]", "specialDays[0]", "weekly[0]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OverlapIsReportedOnTheLaterEntryNamingTheEarlierOne()
    {
        var errors = Errors(Weekly(W(DayOfWeek.Monday, "09:00", "12:00"), W(DayOfWeek.Tuesday, "09:00", "12:00"), W(DayOfWeek.Monday, "11:00", "13:00")));

        AssertOnly(errors, "weekly[2]", "Overlaps weekly[0] (monday 09:00-12:00).");
    }

    [Fact]
    public void OvernightPeriodOverlappingTheNextDaysPeriodIsRefused() =>
        AssertOnly(
            Errors(Weekly(W(DayOfWeek.Monday, "22:00", "02:00"), W(DayOfWeek.Tuesday, "01:00", "05:00"))),
            "weekly[1]", "Overlaps weekly[0] (monday 22:00-02:00).");

    [Fact]
    public void SundayOvernightPeriodWrapsOntoMonday() =>
        AssertOnly(
            Errors(Weekly(W(DayOfWeek.Monday, "01:00", "09:00"), W(DayOfWeek.Sunday, "22:00", "02:00"))),
            "weekly[1]", "Overlaps weekly[0] (monday 01:00-09:00).");

    [Fact]
    public void PeriodsThatOnlyTouchDoNotOverlap() =>
        Assert.Empty(Errors(Weekly(
            W(DayOfWeek.Monday, "09:00", "12:00"), W(DayOfWeek.Monday, "12:00", "17:00"),
            W(DayOfWeek.Monday, "22:00", "24:00"), W(DayOfWeek.Tuesday, "00:00", "06:00"),
            W(DayOfWeek.Sunday, "18:00", "00:00"), W(DayOfWeek.Monday, "00:00", "09:00"))));

    [Fact]
    public void WeeklyHoldsAtMost70Periods()
    {
        // Ten one-hour periods a day, an hour apart: the limit itself is valid.
        var periods = Enumerable.Range(0, 71)
            .Select(i => W((DayOfWeek)(i % 7), $"{i / 7 * 2:00}:00", $"{i / 7 * 2 + 1:00}:00"))
            .ToArray();

        Assert.Empty(Errors(Weekly(periods[..70])));
        AssertOnly(Errors(Weekly(periods)), "weekly", "At most 70 periods.");
    }

    [Theory]
    [InlineData(null, "Required.")]
    [InlineData("", "Required.")]
    [InlineData("2026-02-30", BadDate)]
    [InlineData("2026-2-3", BadDate)]
    [InlineData("25/12/2026", BadDate)]
    [InlineData("2026-12-25T00:00", BadDate)]
    [InlineData("2026-12-25\n", BadDate)]
    public void SpecialDayNeedsARealDate(string? date, string message) =>
        AssertOnly(Errors(Special(Closed(date!))), "specialDays[0].date", message);

    [Fact]
    public void MalformedEndDateIsNamed() =>
        AssertOnly(Errors(Special(Closed("2026-12-24", "2026-13-01"))), "specialDays[0].endDate", BadDate);

    [Fact]
    public void EndDateBeforeDateIsRefused() =>
        AssertOnly(Errors(Special(Closed("2026-12-24", "2026-12-23"))), "specialDays[0].endDate", "Must not be before date.");

    [Fact]
    public void RangeCoversAtMost366Days()
    {
        Assert.Empty(Errors(Special(Closed("2026-01-01", "2027-01-01"))));
        AssertOnly(Errors(Special(Closed("2026-01-01", "2027-01-02"))), "specialDays[0].endDate", "A range covers at most 366 days.");
    }

    [Fact]
    public void ClosedDayWithPeriodsIsRefused() =>
        AssertOnly(
            Errors(Special(Closed("2026-12-24") with { Periods = [P("09:00", "12:00")] })),
            "specialDays[0].periods", "A closed day has no periods; remove them or set closed to false.");

    [Fact]
    public void ClosedDayWithAnEmptyPeriodListIsValid() =>
        Assert.Empty(Errors(Special(Closed("2026-12-24") with { Periods = [] })));

    [Theory]
    [InlineData(false, false)]
    [InlineData(null, false)]
    [InlineData(null, true)]
    public void DayThatIsNotClosedNeedsPeriods(bool? closed, bool emptyList) =>
        AssertOnly(
            Errors(new OperatingHours { Holidays = [new SpecialDay { Date = "2026-12-24", Closed = closed, Periods = emptyList ? [] : null }] }),
            "holidays[0].periods", "Required unless closed is true.");

    [Fact]
    public void DayHoldsAtMost12Periods()
    {
        var periods = Enumerable.Range(0, 13).Select(h => P($"{h:00}:00", $"{h:00}:30")).ToArray();

        Assert.Empty(Errors(Special(Open("2026-12-24", null, periods[..12]))));
        AssertOnly(Errors(Special(Open("2026-12-24", null, periods))), "specialDays[0].periods", "At most 12 periods.");
    }

    [Fact]
    public void PeriodsOfOneEntryMustNotOverlap() =>
        AssertOnly(
            Errors(Special(Open("2026-12-24", null, P("09:00", "12:00"), P("13:00", "14:00"), P("11:00", "13:00")))),
            "specialDays[0].periods[2]", "Overlaps periods[0] (09:00-12:00).");

    [Fact]
    public void OvernightPeriodOfARangeMustNotOverlapTheNextDatesPeriods()
    {
        TimePeriod[] periods = [P("08:00", "12:00"), P("20:00", "09:00")];

        Assert.Empty(Errors(Special(Open("2026-12-24", null, periods))));
        AssertOnly(Errors(Special(Open("2026-12-24", "2026-12-25", periods))), "specialDays[0].periods[1]", "Overlaps periods[0] (08:00-12:00).");
    }

    [Fact]
    public void EntriesOfOneListCoveringACommonDateAreRefused()
    {
        Assert.Equal(
            ["Overlaps specialDays[0] (2026-12-24 to 2026-12-26)."],
            Errors(Special(Closed("2026-12-24", "2026-12-26"), Closed("2026-12-27"), Closed("2026-12-20", "2026-12-24")))["specialDays[2].date"]);
        AssertOnly(
            Errors(new OperatingHours { Holidays = [Closed("2026-12-25"), Closed("2026-12-20", "2026-12-31")] }),
            "holidays[1].date", "Overlaps holidays[0] (2026-12-25).");
    }

    [Fact]
    public void SpecialDayMayCoverAHolidaysDate() =>
        Assert.Empty(Errors(new OperatingHours { SpecialDays = [Open("2026-12-25", null, P("10:00", "12:00"))], Holidays = [Closed("2026-12-25")] }));

    [Fact]
    public void LabelHoldsAtMost100Characters() =>
        AssertOnly(Errors(Special(Closed("2026-12-25") with { Label = new string('x', 101) })), "specialDays[0].label", "At most 100 characters.");

    [Fact]
    public void ListsOfDatedEntriesHoldAtMost366Entries()
    {
        var days = Enumerable.Range(0, 367).Select(i => Closed(new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToArray();

        Assert.Empty(Errors(new OperatingHours { SpecialDays = days[..366], Holidays = days[..366] }));
        var errors = Errors(new OperatingHours { SpecialDays = days, Holidays = days });
        Assert.Equal(["At most 366 entries."], errors["specialDays"]);
        Assert.Equal(["At most 366 entries."], errors["holidays"]);
    }

    [Fact]
    public void EveryBadFieldIsNamedAtOnce()
    {
        var hours = new OperatingHours
        {
            Weekly = [W(DayOfWeek.Monday, "09:00", "17:00"), new WeeklyPeriod { Open = "25:00", Close = "10:00" }, W(DayOfWeek.Monday, "16:00", "18:00")],
            SpecialDays = [new SpecialDay { EndDate = "2026-12-32", Label = new string('x', 101), Closed = true, Periods = [P("09:00", "10:00")] }],
            Holidays = [Closed("2026-12-25"), Open("2026-12-25", null, P("09:00", "09:00"))],
        };

        Assert.Equal(
            [
                "holidays[1].date", "holidays[1].periods[0].close", "specialDays[0].date", "specialDays[0].endDate",
                "specialDays[0].label", "specialDays[0].periods", "weekly[1].day", "weekly[1].open", "weekly[2]",
            ],
            Errors(hours).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DocumentedLimitsAreTheValidatedOnes()
    {
        static T Attribute<T>(Type type, string property) where T : Attribute =>
            type.GetProperty(property)!.GetCustomAttributes(typeof(T), false).Cast<T>().Single();

        Assert.Equal(HoursRules.MaxWeeklyPeriods, Attribute<MaxLengthAttribute>(typeof(OperatingHours), "Weekly").Length);
        Assert.Equal(HoursRules.MaxSpecialDays, Attribute<MaxLengthAttribute>(typeof(OperatingHours), "SpecialDays").Length);
        Assert.Equal(HoursRules.MaxHolidays, Attribute<MaxLengthAttribute>(typeof(OperatingHours), "Holidays").Length);
        Assert.Equal(HoursRules.MaxPeriodsPerDay, Attribute<MaxLengthAttribute>(typeof(SpecialDay), "Periods").Length);
        Assert.Equal(HoursRules.MaxLabelLength, Attribute<StringLengthAttribute>(typeof(SpecialDay), "Label").MaximumLength);
        Assert.Equal(HoursRules.CloseTimePattern, Attribute<RegularExpressionAttribute>(typeof(WeeklyPeriod), "Close").Pattern);
        Assert.Equal(HoursRules.OpenTimePattern, Attribute<RegularExpressionAttribute>(typeof(TimePeriod), "Open").Pattern);
        Assert.Equal(HoursRules.DatePattern, Attribute<RegularExpressionAttribute>(typeof(SpecialDay), "EndDate").Pattern);
    }
}
