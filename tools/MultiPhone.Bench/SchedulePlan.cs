using System.Globalization;
using System.Text.Json;

namespace MultiPhone.Bench;

/// <summary>
/// The changes of the schedules benchmark, all due in one UTC minute. Every change sets one voice field to a value
/// no other change sets, so a client knows a change has reached it by seeing that value in the effective section:
/// <list type="bullet">
/// <item>"local time": a phone's greeting or instructions at <c>{"localTime"}</c>, the minute's start read in the
/// phone's own zone (six zones, among them +5:30, +5:45 and Lord Howe's half-hour DST), so all fall due at once.</item>
/// <item>"instants": a phone's agent name at <c>{"instant"}</c>s spread evenly over the minute.</item>
/// <item>"defaults": the business default of a field no phone overrides, at the minute's start as a local time in one
/// named zone (<c>timeZone</c>), so it reaches every phone at that instant.</item>
/// </list>
/// </summary>
internal static class SchedulePlan
{
    public static readonly string[] Zones =
        ["America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe"];

    public const string LocalTimes = "local time at :00";
    public const string Instants = "instants over the minute";
    public const string Defaults = "defaults at :00";

    /// <summary>The fields a phone's own changes set, one change per field and phone at most (so none waits on another's field).</summary>
    private static readonly (string Field, string Group)[] PhoneFields =
        [("greeting", LocalTimes), ("agentName", Instants), ("instructions", LocalTimes)];

    /// <summary>The defaults' changes: fields the phones inherit, each set once, to a value that differs from the system's.</summary>
    private static readonly (string Field, object Value)[] DefaultFields =
        [("voiceId", "en-US-BenchScheduledNeural"), ("speakingRate", 1.25), ("maxCallMinutes", 45), ("transferNumber", "+14155550199"), ("recordCalls", true)];

    public static int MaxChanges(int phones) => phones * PhoneFields.Length + DefaultFields.Length;

    public static string ZoneOf(int phone) => Zones[phone % Zones.Length];

    /// <summary>
    /// <paramref name="count"/> changes over the phones (their ids, in the order <see cref="ZoneOf"/> gave their zones),
    /// due in the minute starting at <paramref name="minute"/>: the defaults' first, then the phones' field by field.
    /// </summary>
    public static List<PlannedChange> Plan(IReadOnlyList<string> phoneIds, int count, DateTimeOffset minute)
    {
        var planned = new List<PlannedChange>();
        for (var d = 0; d < Math.Min(count, DefaultFields.Length); d++)
        {
            var (field, value) = DefaultFields[d];
            var zone = Zones[d % Zones.Length];
            planned.Add(new PlannedChange(Defaults, null, field, JsonSerializer.SerializeToElement(value), LocalAt(minute, zone, named: true)));
        }
        for (var i = 0; planned.Count < count; i++)
        {
            var (phone, (field, group)) = (i % phoneIds.Count, PhoneFields[i / phoneIds.Count]);
            var value = JsonSerializer.SerializeToElement($"Scheduled {field} {i} for {phoneIds[phone]}");
            var at = group == Instants
                ? new { instant = (minute + TimeSpan.FromMilliseconds(60_000.0 * phone / phoneIds.Count)).ToString("O", CultureInfo.InvariantCulture) }
                : LocalAt(minute, ZoneOf(phone), named: false);
            planned.Add(new PlannedChange(group, phoneIds[phone], field, value, at));
        }
        return planned;
    }

    /// <summary>The instant as a wall-clock time in the zone: in the phone's own zone, or naming the zone for every phone.</summary>
    private static object LocalAt(DateTimeOffset instant, string zone, bool named)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return named ? new { localTime = local, timeZone = zone } : new { localTime = local };
    }
}

/// <summary>A change to schedule: of <see cref="PhoneId"/>'s own voice section, or of the defaults when null.</summary>
internal sealed record PlannedChange(string Group, string? PhoneId, string Field, JsonElement Value, object At)
{
    public object Body => new { section = "voice", set = new Dictionary<string, JsonElement> { [Field] = Value }, at = At, note = $"bench: {Group}" };
}
