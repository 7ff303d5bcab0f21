using MultiPhone.Hours;
using NodaTime;
using NodaTime.Text;

namespace MultiPhone.UnitTests.Hours;

/// <summary>Builders for effective hours and instants written as local time with the offset in force.</summary>
internal static class HoursFixtures
{
    // The offset written next to each local time makes clear which side of a DST change an instant is on.
    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mmo<G>");

    public static Instant At(string text) => Pattern.Parse(text).GetValueOrThrow().ToInstant();

    public static HoursStatus Evaluate(OperatingHours hours, string zone, string at) =>
        HoursCalculator.Evaluate(hours, DateTimeZoneProviders.Tzdb[zone], At(at));

    public static HoursStatus Open(string nextChange) => new(true, At(nextChange));

    public static HoursStatus Closed(string nextChange) => new(false, At(nextChange));

    public static WeeklyPeriod W(DayOfWeek day, string open, string close) => new() { Day = day, Open = open, Close = close };

    public static TimePeriod P(string open, string close) => new() { Open = open, Close = close };

    /// <summary>Effective hours: every top-level field set, as the merged layers always are.</summary>
    public static OperatingHours Effective(
        IReadOnlyList<WeeklyPeriod>? weekly = null,
        IReadOnlyList<SpecialDay>? specialDays = null,
        IReadOnlyList<SpecialDay>? holidays = null,
        bool alwaysOpen = false) =>
        new() { AlwaysOpen = alwaysOpen, Weekly = weekly ?? [], SpecialDays = specialDays ?? [], Holidays = holidays ?? [] };

    public static SpecialDay ClosedOn(string date, string? endDate = null) => new() { Date = date, EndDate = endDate, Closed = true };

    public static SpecialDay OpenOn(string date, params TimePeriod[] periods) => new() { Date = date, Periods = periods };
}
