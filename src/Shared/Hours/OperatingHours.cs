
namespace MultiPhone.Hours;

/// <summary>
/// When a location is open, in its phone's IANA time zone. Every field is optional because the same type carries
/// sparse overrides: a missing field inherits from the layer below (see <see cref="SystemDefault"/>).
/// </summary>
public sealed partial record OperatingHours
{
    /// <summary>Open around the clock, except on special days and holidays.</summary>
    public bool? AlwaysOpen { get; init; }

    /// <summary>The usual week; ignored while <see cref="AlwaysOpen"/> is true.</summary>
    [MaxLength(HoursRules.MaxWeeklyPeriods)]
    public IReadOnlyList<WeeklyPeriod>? Weekly { get; init; }

    /// <summary>One-off hours; on a date they cover they win over holidays and the usual week.</summary>
    [MaxLength(HoursRules.MaxSpecialDays)]
    public IReadOnlyList<SpecialDay>? SpecialDays { get; init; }

    /// <summary>Closures or shortened hours; on a date they cover they win over the usual week.</summary>
    [MaxLength(HoursRules.MaxHolidays)]
    public IReadOnlyList<SpecialDay>? Holidays { get; init; }

    /// <summary>The bottom layer, so it defines every field.</summary>
    public static OperatingHours SystemDefault { get; } = new()
    {
        AlwaysOpen = false,
        Weekly =
        [
            NineToFive(DayOfWeek.Monday),
            NineToFive(DayOfWeek.Tuesday),
            NineToFive(DayOfWeek.Wednesday),
            NineToFive(DayOfWeek.Thursday),
            NineToFive(DayOfWeek.Friday),
        ],
        SpecialDays = [],
        Holidays = [],
    };

    private static WeeklyPeriod NineToFive(DayOfWeek day) => new() { Day = day, Open = "09:00", Close = "17:00" };
}

/// <summary>
/// A period on one day of the week. When <see cref="Close"/> is not after <see cref="Open"/> the period runs past
/// midnight into the next day.
/// </summary>
public sealed record WeeklyPeriod
{
    [Required]
    public DayOfWeek? Day { get; init; }

    /// <summary>HH:mm, 00:00 to 23:59.</summary>
    [RegularExpression(HoursRules.OpenTimePattern)]
    [Required]
    public string? Open { get; init; }

    /// <summary>HH:mm, 00:00 to 24:00.</summary>
    [RegularExpression(HoursRules.CloseTimePattern)]
    [Required]
    public string? Close { get; init; }
}

/// <summary>A date or an inclusive range of dates that is either closed or open only during its own periods.</summary>
public sealed record SpecialDay
{
    /// <summary>yyyy-MM-dd.</summary>
    [RegularExpression(HoursRules.DatePattern)]
    [Required]
    public string? Date { get; init; }

    /// <summary>yyyy-MM-dd, inclusive; absent for a single day.</summary>
    [RegularExpression(HoursRules.DatePattern)]
    public string? EndDate { get; init; }

    [StringLength(HoursRules.MaxLabelLength)]
    public string? Label { get; init; }

    public bool? Closed { get; init; }

    /// <summary>Applies to every date of the range; required unless <see cref="Closed"/> is true.</summary>
    [MaxLength(HoursRules.MaxPeriodsPerDay)]
    public IReadOnlyList<TimePeriod>? Periods { get; init; }
}

/// <summary>A period within a special day; like a weekly period it may run past midnight.</summary>
public sealed record TimePeriod
{
    /// <summary>HH:mm, 00:00 to 23:59.</summary>
    [RegularExpression(HoursRules.OpenTimePattern)]
    [Required]
    public string? Open { get; init; }

    /// <summary>HH:mm, 00:00 to 24:00.</summary>
    [RegularExpression(HoursRules.CloseTimePattern)]
    [Required]
    public string? Close { get; init; }
}
