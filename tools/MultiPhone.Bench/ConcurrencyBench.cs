using System.Globalization;
using System.Net;

namespace MultiPhone.Bench;

/// <summary>
/// How many requests one instance can have in flight before the voice agents' hot path gets slow: GET agent-config
/// (the data of <see cref="AgentConfigSetup"/>) warmed up until steady, then measured at each of <see cref="Levels"/>
/// requests in flight for <c>--seconds</c> after a short unmeasured start. Prints requests/s, p50 and p99 per level
/// and, last, the highest level whose p99 is under <see cref="P99GoalMs"/>: the figure that Flex Consumption's
/// per-instance HTTP concurrency is set from (infra/bicep/app/api.bicep).
/// </summary>
internal static class ConcurrencyBench
{
    public const string Command = "concurrency";

    public static readonly int[] Levels = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    private const double P99GoalMs = 50;

    private const int DefaultPhones = 20;

    /// <summary>
    /// Load before the steady-state warm-up: the app's code is recompiled optimised over 20-50 s of load (tiered
    /// compilation), and on a shared machine a few noisy windows can look steady before that is over; the lowest
    /// levels, measured first, would then measure code still being optimised.
    /// </summary>
    private static readonly TimeSpan MinWarmup = TimeSpan.FromSeconds(30);

    /// <summary>Unmeasured at each level first: the connections the level adds are opened and the queue fills.</summary>
    private static readonly TimeSpan LevelStart = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var businessId = $"bench-{Guid.NewGuid():N}";
        var phones = options.Phones ?? DefaultPhones;
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, phones) || await AgentConfigSetup.CreateAsync(client, businessId, phones) is not { } numbers)
        {
            return ExitCodes.UnexpectedStatus;
        }
        Console.WriteLine($"# {phones} phones; agent-config warmed up at {options.Concurrency} in flight for {MinWarmup.TotalSeconds:F0} s and until steady, then {options.Seconds} s per level "
            + $"after {LevelStart.TotalSeconds:F0} s unmeasured; goal p99 < {P99GoalMs} ms; load average {Report.LoadAverage()}");
        var config = new Scenario("agent-config", sequence => new HttpRequestMessage(HttpMethod.Get,
            $"api/v2/voice/agent-config?to={Uri.EscapeDataString(numbers[sequence % numbers.Length])}"), HttpStatusCode.OK);
        var first = await ScenarioRunner.MeasureForAsync(client, config, MinWarmup, options.Concurrency);
        Console.WriteLine(FormattableString.Invariant($"# warm-up: {MinWarmup.TotalSeconds:F0} s at {Report.Throughput(first):F0} req/s, then until steady"));
        if (first.Unexpected > 0)
        {
            Report.PrintWarmupFailures(first);
        }
        var ok = await ScenarioRunner.WarmUpUntilSteadyAsync(client, [config], options) && first.Unexpected == 0;

        Print("in flight", "requests", "unexpected", "req/s", "p50 ms", "p99 ms", "p99 < 50");
        int? figure = null;
        foreach (var level in Levels)
        {
            await ScenarioRunner.MeasureForAsync(client, config, LevelStart, level);
            var m = await ScenarioRunner.MeasureForAsync(client, config, TimeSpan.FromSeconds(options.Seconds), level);
            var p99 = Report.P(m, 99);
            // A level that answered anything but 200 does not count as meeting the goal, however fast it was.
            var met = p99 < P99GoalMs && m.Unexpected == 0;
            Print(level, m.Latencies.Length, m.Unexpected, Report.Throughput(m), Report.P(m, 50), p99, met ? "yes" : "no");
            if (m.FirstUnexpected is not null)
            {
                Report.PrintNote($"first unexpected: {m.FirstUnexpected}");
            }
            ok &= m.Unexpected == 0;
            figure = met ? level : figure;
        }
        Console.WriteLine(figure is { } f
            ? $"# figure: {f} in flight, the highest level with agent-config p99 < {P99GoalMs} ms; load average {Report.LoadAverage()}"
            : $"# figure: none, agent-config p99 was {P99GoalMs} ms or more at every level; load average {Report.LoadAverage()}");
        return ok ? ExitCodes.Ok : ExitCodes.UnexpectedStatus;
    }

    private static void Print(params object[] columns) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,9} {1,9} {2,10} {3,9:F0} {4,8:F2} {5,8:F2} {6,8}", columns));
}
