using System.Net;
using System.Net.Http.Json;

namespace MultiPhone.Bench;

/// <summary>
/// The voice agents' hot path against the pipeline alone: GET agent-config by dialed number, and in the same run a
/// constant body of the same size from the same pipeline (same auth, same headers), alternating in rounds so that
/// machine noise falls on both. Prints each round, both totals and the throughput ratio.
/// </summary>
internal static class AgentConfigBench
{
    public const string Command = "agent-config";
    private const int Rounds = 3;

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var businessId = $"bench-{Guid.NewGuid():N}";
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, options.Phones) || await AgentConfigSetup.CreateAsync(client, businessId, options.Phones) is not { } numbers)
        {
            return ExitCodes.UnexpectedStatus;
        }
        using var sample = await client.GetAsync(ConfigPath(numbers[0]));
        var size = (await sample.Content.ReadAsByteArrayAsync()).Length;
        if (sample.StatusCode != HttpStatusCode.OK)
        {
            Console.Error.WriteLine($"agent-config answered {(int)sample.StatusCode}; is the API the one scripts/bench.sh starts?");
            return ExitCodes.UnexpectedStatus;
        }
        Console.WriteLine($"# {options.Phones} phones, agent-config body {size} bytes, constant body {size} bytes, {Rounds} alternating rounds");

        var config = new Scenario("agent-config", sequence => new HttpRequestMessage(HttpMethod.Get, ConfigPath(numbers[sequence % numbers.Length])), HttpStatusCode.OK);
        var constant = new Scenario("constant body", _ => new HttpRequestMessage(HttpMethod.Get, $"api/v2/voice/constant?bytes={size}"), HttpStatusCode.OK);
        var ok = await ScenarioRunner.WarmUpAsync(client, config, options) & await ScenarioRunner.WarmUpAsync(client, constant, options);
        Report.PrintColumns();
        var measured = new Dictionary<string, List<Measurement>> { [config.Name] = [], [constant.Name] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var scenario in new[] { config, constant })
            {
                var m = await ScenarioRunner.MeasureAsync(client, scenario, options.Warmup + round * options.Requests, options.Requests, options.Concurrency);
                Report.PrintRow(m);
                measured[scenario.Name].Add(m);
                ok &= m.Unexpected == 0;
            }
        }
        var configTotal = Report.Combine(measured[config.Name]);
        var constantTotal = Report.Combine(measured[constant.Name]);
        Console.WriteLine("# totals");
        Report.PrintRow(configTotal);
        Report.PrintRow(constantTotal);
        var throughput = Report.Throughput(configTotal) / Report.Throughput(constantTotal);
        var p50 = Report.P(constantTotal, 50) / Report.P(configTotal, 50);
        var p99 = Report.P(constantTotal, 99) / Report.P(configTotal, 99);
        Console.WriteLine(FormattableString.Invariant(
            $"# ratio agent-config / constant: throughput {throughput:F2}, p50 latency {p50:F2}, p99 latency {p99:F2} (1.00 = as fast as a constant body)"));
        return ok ? ExitCodes.Ok : ExitCodes.UnexpectedStatus;
    }

    private static string ConfigPath(string number) => $"api/v2/voice/agent-config?to={Uri.EscapeDataString(number)}";
}
