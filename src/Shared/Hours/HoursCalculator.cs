using NodaTime;
using NodaTime.TimeZones;

namespace MultiPhone.Hours;

/// <summary>Whether a location is open at an instant, and when that next changes (null: not within the search).</summary>
public readonly record struct HoursStatus(bool OpenNow, Instant? NextChangeAt);

internal static class HoursCalculator
{
    /// <summary>How far after the instant asked about a change is looked for.</summary>
    public const int SearchDays = 400;

    // Across a DST change the location stays open for the whole wall-clock span of a period: it opens at the
    // first occurrence of an ambiguous time and closes at the last, and a skipped time moves forward by the gap.
    private static readonly ZoneLocalMappingResolver Opening =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    private static readonly ZoneLocalMappingResolver Closing =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    /// <summary>
    /// Evaluates <paramref name="hours"/> in <paramref name="zone"/> at <paramref name="at"/>. A period belongs to
    /// the date it opens on, so an overnight period keeps the location open into a date that is itself closed.
    /// </summary>
    /// <param name="hours">Effective (every field set) and valid (see <see cref="HoursRules.Validate"/>).</param>
    /// <exception cref="ArgumentException">A time or date of <paramref name="hours"/> does not parse.</exception>
    public static HoursStatus Evaluate(OperatingHours hours, DateTimeZone zone, Instant at)
    {
        var plan = DayPlan.From(hours);
        var limit = at + Duration.FromDays(SearchDays);
        // Intervals of dates already expanded that may still be preceded by intervals of later dates.
        var pending = new List<Interval>();
        // End of the run of merged intervals being built; every interval in it started at or before `at`,
        // since the first one starting after `at` ends the search.
        Instant? runEnd = null;
        // Periods last at most a day, so only the previous date's can still be running at `at`.
        for (var date = at.InZone(zone).Date.PlusDays(-1); ; date = date.PlusDays(1))
        {
            var midnight = date.AtMidnight();
            foreach (var span in plan.On(date))
            {
                var start = midnight.PlusMinutes(span.Start).InZone(zone, Opening).ToInstant();
                var end = midnight.PlusMinutes(span.End).InZone(zone, Closing).ToInstant();
                // Nothing is left of a period opening in a gap and closing at its end (02:30-03:00 when 02:00 jumps to 03:00).
                if (end > start)
                {
                    pending.Add(new Interval(start, end));
                }
            }
            // Only intervals starting before every later date's can be merged in start order now.
            var frontier = EarliestInstantOf(date.PlusDays(1), zone);
            pending.Sort((a, b) => a.Start.CompareTo(b.Start));
            var ready = 0;
            for (; ready < pending.Count && pending[ready].Start < frontier; ready++)
            {
                var interval = pending[ready];
                if (runEnd is { } end && interval.Start <= end)
                {
                    runEnd = Instant.Max(end, interval.End);
                    continue;
                }
                if (runEnd > at)
                {
                    return Found(openNow: true, runEnd.Value, limit);
                }
                if (interval.Start > at)
                {
                    return Found(openNow: false, interval.Start, limit);
                }
                runEnd = interval.End;
            }
            pending.RemoveRange(0, ready);
            if (runEnd > at && runEnd < frontier)
            {
                return Found(openNow: true, runEnd.Value, limit);
            }
            if (frontier > limit)
            {
                return new HoursStatus(runEnd > at, null);
            }
        }
    }

    private static HoursStatus Found(bool openNow, Instant change, Instant limit) =>
        new(openNow, change <= limit ? change : null);

    /// <summary>
    /// A lower bound for any instant of <paramref name="date"/> or later, whatever the resolver: no offset of the
    /// zone exceeds its maximum. Resolved midnight is not one, as a time shifted forward out of a gap can land
    /// after a later valid time.
    /// </summary>
    private static Instant EarliestInstantOf(LocalDate date, DateTimeZone zone) =>
        new OffsetDateTime(date.AtMidnight(), zone.MaxOffset).ToInstant();
}
