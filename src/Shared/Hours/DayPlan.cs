using NodaTime;
using NodaTime.Utility;

namespace MultiPhone.Hours;

/// <summary>Which periods apply on each local date: the hours parsed once, so looking up a date costs no parsing.</summary>
internal sealed class DayPlan
{
    private static readonly MinuteSpan[] WholeDay = [MinuteSpan.WholeDay];

    private readonly bool _alwaysOpen;

    /// <summary>Indexed by <see cref="DayOfWeek"/>.</summary>
    private readonly MinuteSpan[][] _weekly;

    private readonly DatedSpans[] _specialDays;
    private readonly DatedSpans[] _holidays;

    private DayPlan(OperatingHours hours)
    {
        _alwaysOpen = hours.AlwaysOpen ?? false;
        var weekly = hours.Weekly ?? [];
        _weekly = Enum.GetValues<DayOfWeek>()
            .Select(day => weekly.Where(p => p.Day == day).Select(p => Span(p.Open, p.Close)).ToArray())
            .ToArray();
        _specialDays = Dated(hours.SpecialDays);
        _holidays = Dated(hours.Holidays);
    }

    /// <param name="hours">Effective and valid (see <see cref="HoursRules.Validate"/>); an absent list has no entries.</param>
    /// <exception cref="ArgumentException">A time or date of <paramref name="hours"/> does not parse.</exception>
    public static DayPlan From(OperatingHours hours) => new(hours);

    /// <summary>The periods that start on <paramref name="date"/>, in priority order of the layers.</summary>
    public MinuteSpan[] On(LocalDate date) =>
        Covering(_specialDays, date)
        ?? Covering(_holidays, date)
        ?? (_alwaysOpen ? WholeDay : _weekly[(int)BclConversions.ToDayOfWeek(date.DayOfWeek)]);

    private static MinuteSpan[]? Covering(DatedSpans[] entries, LocalDate date)
    {
        // Entries are sorted and, being valid, disjoint: only the last one starting on or before the date can cover it.
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (entries[middle].First <= date)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low > 0 && entries[low - 1].Last >= date ? entries[low - 1].Spans : null;
    }

    private static DatedSpans[] Dated(IReadOnlyList<SpecialDay>? days) =>
        (days ?? [])
            .Select(day =>
            {
                var first = Date(day.Date);
                var last = day.EndDate is null ? first : Date(day.EndDate);
                var spans = day.Closed == true ? [] : (day.Periods ?? []).Select(p => Span(p.Open, p.Close)).ToArray();
                return new DatedSpans(first, last, spans);
            })
            .OrderBy(d => d.First)
            .ToArray();

    private static LocalDate Date(string? text) =>
        HoursText.Date(text) ?? throw Invalid($"Date '{text}'");

    private static MinuteSpan Span(string? open, string? close) =>
        HoursText.Minutes(open, isClose: false) is { } from
        && HoursText.Minutes(close, isClose: true) is { } to
        && MinuteSpan.Between(from, to) is { } span
            ? span
            : throw Invalid($"Period '{open}'-'{close}'");

    private static ArgumentException Invalid(string what) =>
        new($"{what} is not valid; check hours with {nameof(HoursRules)}.{nameof(HoursRules.Validate)} first.", "hours");

    private readonly record struct DatedSpans(LocalDate First, LocalDate Last, MinuteSpan[] Spans);
}
