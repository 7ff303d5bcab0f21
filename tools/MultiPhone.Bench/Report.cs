using System.Diagnostics;
using System.Globalization;

namespace MultiPhone.Bench;

/// <summary>Plain fixed-width text, so runs can be pasted next to each other and compared by eye.</summary>
internal static class Report
{
    private const string RowFormat = "{0,-20} {1,8} {2,5} {3,10} {4,10:F2} {5,9:F0} {6,8:F2} {7,8:F2} {8,8:F2} {9,8:F2}";

    public static void PrintHeader(Uri url) =>
        Console.WriteLine(FormattableString.Invariant(
            $"# MultiPhone.Bench {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}, {Environment.ProcessorCount} cores, {url}"));

    public static void PrintColumns() =>
        Print("scenario", "requests", "conc", "unexpected", "duration s", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms");

    public static void PrintRow(Measurement m)
    {
        var sorted = m.Latencies.Order().ToArray();
        var seconds = m.Duration.TotalSeconds;
        Print(m.Scenario, sorted.Length, m.Concurrency, m.Unexpected, seconds, sorted.Length == 0 ? 0 : sorted.Length / seconds,
            Ms(Percentile(sorted, 50)), Ms(Percentile(sorted, 90)), Ms(Percentile(sorted, 99)), Ms(Percentile(sorted, 100)));
        if (m.FirstUnexpected is not null)
        {
            PrintNote($"first unexpected: {m.FirstUnexpected}");
        }
    }

    public static void PrintWarmupFailures(Measurement warmup) =>
        PrintNote($"{warmup.Scenario} warm-up: {warmup.Unexpected} unexpected, first: {warmup.FirstUnexpected}");

    public static void PrintNote(string note) => Console.WriteLine($"  {note}");

    /// <summary>Several measurements as one, named <paramref name="scenario"/>: all latencies, the summed duration.</summary>
    public static Measurement Combine(string scenario, IReadOnlyList<Measurement> parts) => new(
        scenario,
        parts[0].Concurrency,
        [.. parts.SelectMany(p => p.Latencies)],
        TimeSpan.FromTicks(parts.Sum(p => p.Duration.Ticks)),
        parts.Sum(p => p.Unexpected),
        parts.Select(p => p.FirstUnexpected).FirstOrDefault(f => f is not null));

    public static double Throughput(Measurement m) => m.Latencies.Length / m.Duration.TotalSeconds;

    /// <summary>The p-th percentile latency in milliseconds.</summary>
    public static double P(Measurement m, int p) => Ms(Percentile([.. m.Latencies.Order()], p));

    /// <summary>
    /// Nearest rank: the smallest recorded value with at least p% of all values at or below it; none (NaN) when
    /// nothing was recorded, as when every request of a scenario failed.
    /// </summary>
    private static long? Percentile(long[] sorted, int p) =>
        sorted.Length == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];

    private static double Ms(long? ticks) => ticks is { } t ? t * 1000.0 / Stopwatch.Frequency : double.NaN;

    private static void Print(params object[] columns) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, columns));

    /// <summary>The machine's load average (1, 5, 15 min), to tell a busy shared machine from a slow app.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
