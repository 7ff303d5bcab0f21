using CsCheck;
using MultiPhone.Common;
using MultiPhone.Hours;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;
using NodaTime.Utility;

namespace MultiPhone.UnitTests.Hours;

public sealed class HoursCalculatorPropertyTests
{
    private static readonly string[] Zones =
        ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago"];

    // The documented semantics written plainly, one period at a time: the reference for the calculator's merging and search.
    private static readonly ZoneLocalMappingResolver Opening =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    private static readonly ZoneLocalMappingResolver Closing =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static readonly Instant YearStart = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant YearEnd = Instant.FromUtc(2027, 1, 1, 0, 0);

    /// <summary>Odd, so that the scan between two changes does not only look at quarter hours.</summary>
    private static readonly Duration ScanStep = Duration.FromMinutes(17);

    /// <summary>On quarter hours, so that periods often open or close exactly at or inside a DST change.</summary>
    private static readonly Gen<WeeklyPeriod> GenPeriod =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 95], Gen.Int[1, 96], (day, start, length) => new WeeklyPeriod
        {
            Day = (DayOfWeek)day,
            Open = Quarter(start),
            Close = start + length == 96 ? "24:00" : Quarter((start + length) % 96),
        });

    /// <summary>Random candidates, each kept only if the schedule stays valid, as stored schedules are.</summary>
    private static readonly Gen<WeeklyPeriod[]> GenWeekly = GenPeriod.Array[0, 10].Select(candidates =>
    {
        var kept = new List<WeeklyPeriod>();
        foreach (var candidate in candidates)
        {
            var errors = new FieldErrors();
            HoursRules.Validate(new OperatingHours { Weekly = [.. kept, candidate] }, errors);
            if (!errors.Any)
            {
                kept.Add(candidate);
            }
        }
        return kept.ToArray();
    });

    /// <summary>Any second of 2026, or a quarter hour within a day and a half of one of the zone's DST changes.</summary>
    private static readonly Gen<(DateTimeZone Zone, Instant At)> GenZoneAndInstant = Gen.OneOf(Zones).SelectMany(id =>
    {
        var zone = DateTimeZoneProviders.Tzdb[id];
        var anyTime = Gen.Long[YearStart.ToUnixTimeSeconds(), YearEnd.ToUnixTimeSeconds()].Select(Instant.FromUnixTimeSeconds);
        var changes = zone.GetZoneIntervals(YearStart, YearEnd).Skip(1).Select(i => i.Start).ToArray();
        var nearChange = changes.Length == 0
            ? anyTime
            : Gen.Select(Gen.Int[0, changes.Length - 1], Gen.Int[-144, 144], (i, quarters) => changes[i] + Duration.FromMinutes(15 * quarters));
        return Gen.OneOf(anyTime, nearChange).Select(at => (zone, at));
    });

    private static string Quarter(int quarters) => $"{quarters / 4:00}:{quarters % 4 * 15:00}";

    private static bool IsOpen(WeeklyPeriod[] weekly, DateTimeZone zone, Instant at)
    {
        var today = at.InZone(zone).Date;
        for (var date = today.PlusDays(-2); date <= today.PlusDays(1); date = date.PlusDays(1))
        {
            foreach (var period in weekly.Where(p => p.Day == BclConversions.ToDayOfWeek(date.DayOfWeek)))
            {
                var open = date + Clock.Parse(period.Open!).Value;
                var close = period.Close == "24:00" ? date.PlusDays(1).AtMidnight() : date + Clock.Parse(period.Close!).Value;
                if (close <= open)
                {
                    close = close.PlusDays(1);
                }
                if (open.InZone(zone, Opening).ToInstant() <= at && at < close.InZone(zone, Closing).ToInstant())
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string Print((WeeklyPeriod[] Weekly, (DateTimeZone Zone, Instant At) Where) sample) =>
        $"{sample.Where.Zone.Id} at {sample.Where.At}: [{string.Join(", ", sample.Weekly.Select(p => $"{p.Day} {p.Open}-{p.Close}"))}]";

    [Fact]
    public void OpenNowAndNextChangeMatchTheSchedulePeriodByPeriod() =>
        Gen.Select(GenWeekly, GenZoneAndInstant).Sample(sample =>
        {
            var (weekly, (zone, at)) = sample;
            var status = HoursCalculator.Evaluate(HoursFixtures.Effective(weekly), zone, at);

            Assert.Equal(IsOpen(weekly, zone, at), status.OpenNow);
            // A weekly schedule that changes at all changes within a week (and a DST shift).
            var until = status.NextChangeAt ?? at + Duration.FromDays(8);
            Assert.True(until > at);
            for (var t = at; t < until; t += ScanStep)
            {
                Assert.Equal(status.OpenNow, IsOpen(weekly, zone, t));
            }
            if (status.NextChangeAt is { } next)
            {
                Assert.NotEqual(status.OpenNow, IsOpen(weekly, zone, next));
                Assert.Equal(status.OpenNow, IsOpen(weekly, zone, Instant.Max(at, next - Duration.FromSeconds(1))));
            }
        }, print: Print);
}
