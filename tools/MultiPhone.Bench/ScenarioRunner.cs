using System.Diagnostics;

namespace MultiPhone.Bench;

/// <summary>
/// Closed-loop load: a fixed number of workers, each sending its next request as soon as the previous one answered,
/// so throughput and latency are both measured at that concurrency.
/// </summary>
internal static class ScenarioRunner
{
    private const int MaxDiagnosisChars = 500;

    /// <summary>Warms up (not reported unless something failed), measures, prints the row; false if any status was unexpected.</summary>
    public static async Task<bool> RunAsync(HttpClient client, Scenario scenario, BenchOptions options)
    {
        var warmup = await WarmUpAsync(client, scenario, options);
        var measured = await MeasureAsync(client, scenario, firstSequence: options.Warmup, options.Requests, options.Concurrency);
        Report.PrintRow(measured);
        return warmup && measured.Unexpected == 0;
    }

    /// <summary>Sends the warm-up requests (not measured); false, with a note, if any status was unexpected.</summary>
    public static async Task<bool> WarmUpAsync(HttpClient client, Scenario scenario, BenchOptions options)
    {
        var warmup = await MeasureAsync(client, scenario, firstSequence: 0, options.Warmup, options.Concurrency);
        if (warmup.Unexpected > 0)
        {
            Report.PrintWarmupFailures(warmup);
        }
        return warmup.Unexpected == 0;
    }

    public static async Task<Measurement> MeasureAsync(HttpClient client, Scenario scenario, int firstSequence, int count, int concurrency)
    {
        var latencies = new long[count];
        var next = -1;
        var unexpected = 0;
        string? firstUnexpected = null;

        async Task WorkerAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                using var request = scenario.CreateRequest(firstSequence + i);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    // The default completion option buffers the body, so the latency includes reading the whole response.
                    using var response = await client.SendAsync(request);
                    latencies[i] = Stopwatch.GetTimestamp() - start;
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
                    latencies[i] = Stopwatch.GetTimestamp() - start;
                    if (Interlocked.Increment(ref unexpected) == 1)
                    {
                        firstUnexpected = $"{e.GetType().Name}: {e.Message}";
                    }
                }
            }
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(WorkerAsync)));
        var duration = Stopwatch.GetElapsedTime(started);
        return new Measurement(scenario.Name, concurrency, latencies, duration, unexpected, Truncate(firstUnexpected));
    }

    private static string? Truncate(string? text) =>
        text is { Length: > MaxDiagnosisChars } ? text[..MaxDiagnosisChars] + "..." : text;
}
