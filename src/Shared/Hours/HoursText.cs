using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace MultiPhone.Hours;

/// <summary>Reads the times and dates of <see cref="OperatingHours"/>, shared by validation and evaluation.</summary>
internal static partial class HoursText
{
    /// <summary>Minutes after midnight; null when missing or not in the pattern (24:00, 1440, only as a close).</summary>
    public static int? Minutes(string? text, bool isClose)
    {
        // The length check also refuses a trailing newline, which .NET's '$' lets through.
        if (text is not { Length: 5 } || !(isClose ? CloseTime() : OpenTime()).IsMatch(text))
        {
            return null;
        }
        return ((text[0] - '0') * 10 + (text[1] - '0')) * 60 + (text[3] - '0') * 10 + (text[4] - '0');
    }

    /// <summary>Null when missing, not in the pattern or not a real date (such as 2026-02-30).</summary>
    public static LocalDate? Date(string? text) =>
        text is not null && DatePattern().IsMatch(text) && LocalDatePattern.Iso.Parse(text) is { Success: true } result
            ? result.Value
            : null;

    [GeneratedRegex(HoursRules.OpenTimePattern)]
    private static partial Regex OpenTime();

    [GeneratedRegex(HoursRules.CloseTimePattern)]
    private static partial Regex CloseTime();

    [GeneratedRegex(HoursRules.DatePattern)]
    private static partial Regex DatePattern();
}

/// <summary>
/// A period as minutes from the start of the day it belongs to: <see cref="End"/> passes
/// <see cref="MinutesPerDay"/> when it runs into the next day.
/// </summary>
internal readonly record struct MinuteSpan(int Start, int End)
{
    public const int MinutesPerDay = 24 * 60;

    public static readonly MinuteSpan WholeDay = new(0, MinutesPerDay);

    /// <summary>Null for a period of zero length, which would otherwise read as a whole day past midnight.</summary>
    public static MinuteSpan? Between(int open, int close) =>
        open == close ? null : new MinuteSpan(open, close > open ? close : close + MinutesPerDay);

    public MinuteSpan Shift(int minutes) => new(Start + minutes, End + minutes);

    /// <summary>
    /// Whether the spans meet when the pattern repeats every <paramref name="cycle"/> minutes. Both start within
    /// the first cycle and last at most one, so only the neighbouring repetitions can meet.
    /// </summary>
    public bool Overlaps(MinuteSpan other, int cycle)
    {
        for (var shift = -cycle; shift <= cycle; shift += cycle)
        {
            if (Start < other.End + shift && other.Start + shift < End)
            {
                return true;
            }
        }
        return false;
    }
}
