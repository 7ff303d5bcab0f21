using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace MultiPhone.ScheduledChanges;

/// <summary>
/// A wall-clock time in a time zone as an instant. Where the clocks jump forward the local time does not exist: it
/// moves to the first instant after the gap (02:30 on a spring-forward night in New York is 03:00 EDT). Where they go
/// back it happens twice: the earlier one is taken (01:30 on a fall-back night is 01:30 EDT, not EST).
/// </summary>
public static class LocalTimes
{
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly LocalDateTimePattern[] Patterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss"),
    ];

    /// <summary>The instant <paramref name="local"/> names in <paramref name="zone"/>.</summary>
    public static Instant Resolve(LocalDateTime local, DateTimeZone zone) => zone.ResolveLocal(local, Resolver).ToInstant();

    /// <summary>A local time written <c>yyyy-MM-ddTHH:mm</c> (seconds allowed), or null.</summary>
    public static LocalDateTime? Parse(string? text) =>
        text is null ? null : Patterns.Select(p => p.Parse(text)).FirstOrDefault(r => r.Success)?.Value;

    /// <summary>How a wall-clock time is written back: <c>yyyy-MM-ddTHH:mm</c>, seconds only when there are some.</summary>
    public static string Format(LocalDateTime local) =>
        local.ToString(local.Second == 0 ? "uuuu'-'MM'-'dd'T'HH':'mm" : "uuuu'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);

    public static DateTimeZone? Zone(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
