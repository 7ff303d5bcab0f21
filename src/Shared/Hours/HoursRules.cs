using NodaTime;

namespace MultiPhone.Hours;

internal static class HoursRules
{
    public const int MaxWeeklyPeriods = 70;
    public const int MaxSpecialDays = 366;
    public const int MaxHolidays = 366;
    public const int MaxPeriodsPerDay = 12;
    public const int MaxLabelLength = 100;

    /// <summary>How many dates one special day or holiday may cover, ends included.</summary>
    public const int MaxRangeDays = 366;

    /// <summary>HH:mm from 00:00 to 23:59; written for OpenAPI (ECMAScript) as well as .NET.</summary>
    public const string OpenTimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /// <summary>HH:mm from 00:00 to 24:00, the end of the day.</summary>
    public const string CloseTimePattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";

    /// <summary>yyyy-MM-dd; whether the date exists is checked separately.</summary>
    public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    private const int MinutesPerWeek = 7 * MinuteSpan.MinutesPerDay;

    /// <summary>
    /// Adds every problem of <paramref name="hours"/> to <paramref name="errors"/>, named by JSON path such as
    /// <c>weekly[2].open</c>. Missing top-level fields are fine (they inherit); list entries must be complete.
    /// </summary>
    public static void Validate(OperatingHours hours, FieldErrors errors)
    {
        if (hours.Weekly is { } weekly)
        {
            ValidateWeekly(weekly, errors);
        }
        if (hours.SpecialDays is { } specialDays)
        {
            ValidateSpecialDays("specialDays", specialDays, MaxSpecialDays, errors);
        }
        if (hours.Holidays is { } holidays)
        {
            ValidateSpecialDays("holidays", holidays, MaxHolidays, errors);
        }
    }

    private static void ValidateWeekly(IReadOnlyList<WeeklyPeriod> weekly, FieldErrors errors)
    {
        // Past the limit, per-entry errors would only lengthen the response for a list that is refused anyway.
        if (weekly.Count > MaxWeeklyPeriods)
        {
            errors.Add("weekly", $"At most {MaxWeeklyPeriods} periods.");
            return;
        }
        var placed = new List<(int Index, MinuteSpan Span, DayOfWeek Day)>();
        for (var i = 0; i < weekly.Count; i++)
        {
            var field = $"weekly[{i}]";
            var period = weekly[i];
            if (period is null)
            {
                errors.Add(field, "Required.");
                continue;
            }
            var day = period.Day;
            if (day is null)
            {
                errors.Add($"{field}.day", "Required.");
            }
            else if (!Enum.IsDefined(day.Value))
            {
                // The app's enum converter also accepts numbers, so any integer can arrive here.
                errors.Add($"{field}.day", "Must be a day of the week, such as monday.");
                day = null;
            }
            var span = ValidateTimes(field, period.Open, period.Close, errors);
            if (day is null || span is null)
            {
                continue;
            }
            // Minutes from Monday 00:00, so that Sunday's overnight periods wrap onto Monday.
            var inWeek = span.Value.Shift((((int)day.Value + 6) % 7) * MinuteSpan.MinutesPerDay);
            foreach (var (other, otherSpan, otherDay) in placed)
            {
                if (inWeek.Overlaps(otherSpan, MinutesPerWeek))
                {
                    var o = weekly[other];
                    errors.Add(field, $"Overlaps weekly[{other}] ({otherDay.ToString().ToLowerInvariant()} {o.Open}-{o.Close}).");
                    break;
                }
            }
            placed.Add((i, inWeek, day.Value));
        }
    }

    private static void ValidateSpecialDays(string list, IReadOnlyList<SpecialDay> days, int max, FieldErrors errors)
    {
        if (days.Count > max)
        {
            errors.Add(list, $"At most {max} entries.");
            return;
        }
        var placed = new List<(int Index, LocalDate First, LocalDate Last)>();
        for (var i = 0; i < days.Count; i++)
        {
            var field = $"{list}[{i}]";
            var day = days[i];
            if (day is null)
            {
                errors.Add(field, "Required.");
                continue;
            }
            if (day.Label is { Length: > MaxLabelLength })
            {
                errors.Add($"{field}.label", $"At most {MaxLabelLength} characters.");
            }
            var range = ValidateRange(field, day, errors);
            ValidatePeriods(field, day, repeats: range is { } r && r.Last > r.First, errors);
            if (range is not { } dates)
            {
                continue;
            }
            foreach (var (other, first, last) in placed)
            {
                if (dates.First <= last && first <= dates.Last)
                {
                    var o = days[other];
                    var covers = o.EndDate is null ? o.Date : $"{o.Date} to {o.EndDate}";
                    errors.Add($"{field}.date", $"Overlaps {list}[{other}] ({covers}).");
                    break;
                }
            }
            placed.Add((i, dates.First, dates.Last));
        }
    }

    private static (LocalDate First, LocalDate Last)? ValidateRange(string field, SpecialDay day, FieldErrors errors)
    {
        const string DateFormat = "Must be a real date written yyyy-MM-dd, such as 2026-12-25.";
        LocalDate? first = null;
        if (string.IsNullOrWhiteSpace(day.Date))
        {
            errors.Add($"{field}.date", "Required.");
        }
        else if ((first = HoursText.Date(day.Date)) is null)
        {
            errors.Add($"{field}.date", DateFormat);
        }
        var last = first;
        if (day.EndDate is not null && (last = HoursText.Date(day.EndDate)) is null)
        {
            errors.Add($"{field}.endDate", DateFormat);
        }
        if (first is not { } from || last is not { } to)
        {
            return null;
        }
        if (to < from)
        {
            errors.Add($"{field}.endDate", "Must not be before date.");
            return null;
        }
        if (Period.DaysBetween(from, to) >= MaxRangeDays)
        {
            errors.Add($"{field}.endDate", $"A range covers at most {MaxRangeDays} days.");
            return null;
        }
        return (from, to);
    }

    /// <param name="repeats">
    /// The entry covers several dates, so an overnight period also runs into the next date's periods.
    /// </param>
    private static void ValidatePeriods(string field, SpecialDay day, bool repeats, FieldErrors errors)
    {
        var periods = day.Periods;
        if (day.Closed == true)
        {
            if (periods is { Count: > 0 })
            {
                errors.Add($"{field}.periods", "A closed day has no periods; remove them or set closed to false.");
            }
            return;
        }
        if (periods is null or { Count: 0 })
        {
            errors.Add($"{field}.periods", "Required unless closed is true.");
            return;
        }
        if (periods.Count > MaxPeriodsPerDay)
        {
            errors.Add($"{field}.periods", $"At most {MaxPeriodsPerDay} periods.");
            return;
        }
        // A single date does not repeat: two days apart, its periods (each under a day long) can never meet.
        var cycle = (repeats ? 1 : 2) * MinuteSpan.MinutesPerDay;
        var placed = new List<(int Index, MinuteSpan Span)>();
        for (var k = 0; k < periods.Count; k++)
        {
            var periodField = $"{field}.periods[{k}]";
            var period = periods[k];
            if (period is null)
            {
                errors.Add(periodField, "Required.");
                continue;
            }
            if (ValidateTimes(periodField, period.Open, period.Close, errors) is not { } span)
            {
                continue;
            }
            foreach (var (other, otherSpan) in placed)
            {
                if (span.Overlaps(otherSpan, cycle))
                {
                    errors.Add(periodField, $"Overlaps periods[{other}] ({periods[other].Open}-{periods[other].Close}).");
                    break;
                }
            }
            placed.Add((k, span));
        }
    }

    private static MinuteSpan? ValidateTimes(string field, string? open, string? close, FieldErrors errors)
    {
        var from = ValidateTime($"{field}.open", open, isClose: false, errors);
        var to = ValidateTime($"{field}.close", close, isClose: true, errors);
        if (from is null || to is null)
        {
            return null;
        }
        var span = MinuteSpan.Between(from.Value, to.Value);
        if (span is null)
        {
            errors.Add($"{field}.close", "Must differ from open; use 00:00-24:00 for a whole day.");
        }
        return span;
    }

    private static int? ValidateTime(string field, string? text, bool isClose, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Required.");
            return null;
        }
        var minutes = HoursText.Minutes(text, isClose);
        if (minutes is null)
        {
            errors.Add(field, isClose ? "Must be a time HH:mm from 00:00 to 24:00." : "Must be a time HH:mm from 00:00 to 23:59.");
        }
        return minutes;
    }
}
