using System.Diagnostics;

namespace MultiPhone.Bench;

/// <summary>
/// Closed-loop load: a fixed number of workers, each sending its next request as soon as the previous one answered,
/// so throughput and latency are both measured at that concurrency.
/// </summary>
internal static class ScenarioRunner
{
    private const int MaxDiagnosisChars = 500;
    private const int SteadyWindows = 3;
    private static readonly TimeSpan WarmupWindow = TimeSpan.FromSeconds(2);
    private const double SteadyRise = 0.05;
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(180);

    /// <summary>Warms up (not reported unless something failed), measures, prints the row; false if any status was unexpected.</summary>
    public static async Task<bool> RunAsync(HttpClient client, Scenario scenario, BenchOptions options)
    {
        var warmup = await WarmUpAsync(client, scenario, options);
        var measured = await MeasureAsync(client, scenario, firstSequence: options.Warmup, options.Requests, options.Concurrency);
        Report.PrintRow(measured);
        return warmup && measured.Unexpected == 0;
    }

    /// <summary>Sends the warm-up requests (not measured); false, with a note, if any status was unexpected.</summary>
    private static async Task<bool> WarmUpAsync(HttpClient client, Scenario scenario, BenchOptions options)
    {
        var warmup = await MeasureAsync(client, scenario, firstSequence: 0, options.Warmup, options.Concurrency);
        if (warmup.Unexpected > 0)
        {
            Report.PrintWarmupFailures(warmup);
        }
        return warmup.Unexpected == 0;
    }

    /// <summary>
    /// Alternates windows of <see cref="WarmupWindow"/> of each scenario until throughput stops rising: the requests
    /// of the last <see cref="SteadyWindows"/> windows (all scenarios together) are no more than
    /// <see cref="SteadyRise"/> above those of the <see cref="SteadyWindows"/> before. Both the app and this client
    /// start as unoptimised code that .NET recompiles as it runs (tiered compilation), which here takes 20-50 s of
    /// load; a count of requests cannot say when that is over, a trend can. Gives up after <see cref="MaxWarmup"/>
    /// with a note. Prints one line per window; false if any status was unexpected.
    /// </summary>
    public static Task<bool> WarmUpUntilSteadyAsync(HttpClient client, IReadOnlyList<Scenario> scenarios, BenchOptions options) =>
        WarmUpUntilSteadyAsync([.. scenarios.Select(scenario => (Func<TimeSpan, Task<Measurement>>)(window => MeasureForAsync(client, scenario, window, options.Concurrency)))]);

    /// <summary>As above, for loads that measure themselves for a given time (each named by its measurements).</summary>
    public static async Task<bool> WarmUpUntilSteadyAsync(IReadOnlyList<Func<TimeSpan, Task<Measurement>>> loads)
    {
        var totals = new List<double>();
        var ok = true;
        var started = Stopwatch.GetTimestamp();
        for (var window = 1; ; window++)
        {
            var line = new List<string>();
            var total = 0.0;
            foreach (var load in loads)
            {
                var m = await load(WarmupWindow);
                if (m.Unexpected > 0)
                {
                    Report.PrintWarmupFailures(m);
                    ok = false;
                }
                total += Report.Throughput(m);
                line.Add(FormattableString.Invariant($"{m.Scenario} {Report.Throughput(m):F0} req/s"));
            }
            totals.Add(total);
            Console.WriteLine(FormattableString.Invariant($"# warm-up {window}: {string.Join(", ", line)}"));
            if (Rise(totals) <= SteadyRise)
            {
                return ok;
            }
            if (Stopwatch.GetElapsedTime(started) > MaxWarmup)
            {
                Report.PrintNote(FormattableString.Invariant(
                    $"still rising after {MaxWarmup.TotalSeconds:F0} s ({Rise(totals):P0} over the last {SteadyWindows} windows); measuring anyway"));
                return ok;
            }
        }
    }

    /// <summary>How much more the last <see cref="SteadyWindows"/> values add up to than the ones before; infinite before there are that many.</summary>
    private static double Rise(List<double> values) =>
        values.Count < 2 * SteadyWindows
            ? double.PositiveInfinity
            : (values.TakeLast(SteadyWindows).Sum() / values.SkipLast(SteadyWindows).TakeLast(SteadyWindows).Sum()) - 1;

    /// <summary>Sends <paramref name="count"/> requests, numbered from <paramref name="firstSequence"/>.</summary>
    public static Task<Measurement> MeasureAsync(HttpClient client, Scenario scenario, int firstSequence, int count, int concurrency) =>
        MeasureAsync(client, scenario, firstSequence, concurrency, (sequence, _) => sequence < firstSequence + count);

    /// <summary>Sends requests for <paramref name="duration"/>; requests under way then are waited for and counted.</summary>
    public static Task<Measurement> MeasureForAsync(HttpClient client, Scenario scenario, TimeSpan duration, int concurrency)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return MeasureAsync(client, scenario, firstSequence: 0, concurrency, (_, now) => now < until);
    }

    /// <param name="more">Whether to send request number <c>sequence</c> at timestamp <c>now</c>.</param>
    private static Task<Measurement> MeasureAsync(HttpClient client, Scenario scenario, int firstSequence, int concurrency, Func<int, long, bool> more) =>
        MeasureAsync(client, scenario.Name, [.. Enumerable.Repeat(scenario, concurrency)], firstSequence, more);

    /// <summary>One worker per entry of <paramref name="workers"/>, each sending its own scenario's requests, numbered across all of them.</summary>
    /// <param name="more">Whether to send request number <c>sequence</c> at timestamp <c>now</c>.</param>
    internal static async Task<Measurement> MeasureAsync(HttpClient client, string name, IReadOnlyList<Scenario> workers, int firstSequence, Func<int, long, bool> more)
    {
        var next = firstSequence - 1;
        var unexpected = 0;
        string? firstUnexpected = null;

        async Task<List<long>> WorkerAsync(Scenario scenario)
        {
            var latencies = new List<long>();
            for (var sequence = Interlocked.Increment(ref next); more(sequence, Stopwatch.GetTimestamp()); sequence = Interlocked.Increment(ref next))
            {
                using var request = scenario.CreateRequest(sequence);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    // The default completion option buffers the body, so the latency includes reading the whole response.
                    using var response = await client.SendAsync(request);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    if (response.StatusCode == scenario.Expected)
                    {
                        if (scenario.OnExpected is { } onExpected)
                        {
                            await onExpected(response);
                        }
                        continue;
                    }
                    if (Interlocked.Increment(ref unexpected) == 1)
                    {
                        firstUnexpected = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A refused or timed-out request under load is a result to report, not a reason to stop the run.
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    if (Interlocked.Increment(ref unexpected) == 1)
                    {
                        firstUnexpected = $"{e.GetType().Name}: {e.Message}";
                    }
                }
            }
            return latencies;
        }

        var started = Stopwatch.GetTimestamp();
        var perWorker = await Task.WhenAll(workers.Select(scenario => Task.Run(() => WorkerAsync(scenario))));
        var duration = Stopwatch.GetElapsedTime(started);
        return new Measurement(name, workers.Count, [.. perWorker.SelectMany(l => l)], duration, unexpected, Truncate(firstUnexpected));
    }

    private static string? Truncate(string? text) =>
        text is { Length: > MaxDiagnosisChars } ? text[..MaxDiagnosisChars] + "..." : text;
}
