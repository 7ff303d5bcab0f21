using System.Net;

namespace MultiPhone.Bench;

/// <summary>
/// The voice agents' hot path against the pipeline alone: GET agent-config by dialed number, and a constant body of
/// the same size from the same pipeline (same auth, same headers). Both are warmed up until their throughput is
/// steady (the server's and this client's code start unoptimised and are recompiled as they run), then measured in
/// rounds in which the two take turns, each round giving one throughput ratio. Prints every round and the median
/// ratio with its range, and the requests the local Cosmos server (<see cref="CosmosCounts"/>) served per second while
/// each endpoint ran: both include the change-feed readers', agent-config also the reads that keep every phone's
/// parts within AgentConfig:MaxStaleness (each read again about every 0.75 s, whatever the request rate).
/// </summary>
internal static class AgentConfigBench
{
    public const string Command = "agent-config";

    /// <summary>Turns each endpoint takes within a round.</summary>
    private const int Slices = 5;

    private const int DefaultPhones = 20;

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var businessId = $"bench-{Guid.NewGuid():N}";
        var phones = options.Phones ?? DefaultPhones;
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, phones) || await AgentConfigSetup.CreateAsync(client, businessId, phones) is not { } numbers)
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
        Console.WriteLine($"# {phones} phones, agent-config body {size} bytes, constant body {size} bytes, {options.Concurrency} clients, "
            + $"{options.Rounds} rounds of {options.Seconds} s per endpoint, taken in {Slices} turns");

        var config = new Scenario("agent-config", sequence => new HttpRequestMessage(HttpMethod.Get, ConfigPath(numbers[sequence % numbers.Length])), HttpStatusCode.OK);
        var constant = new Scenario("constant body", _ => new HttpRequestMessage(HttpMethod.Get, $"api/v2/voice/constant?bytes={size}"), HttpStatusCode.OK);
        var ok = await ScenarioRunner.WarmUpUntilSteadyAsync(client, [config, constant], options);
        Report.PrintColumns();
        using var cosmos = new CosmosCounts(options.Cosmos);
        var cosmosRequests = new Dictionary<Scenario, long> { [config] = 0, [constant] = 0 };
        var ratios = new List<double>();
        var slice = TimeSpan.FromSeconds(options.Seconds / (double)Slices);
        for (var round = 0; round < options.Rounds; round++)
        {
            // Within a round the endpoints take turns in short slices, each round starting with the other one, so
            // that what the shared machine does meanwhile falls on both about equally.
            var order = round % 2 == 0 ? new[] { config, constant } : [constant, config];
            var slices = order.ToDictionary(s => s, _ => new List<Measurement>());
            for (var i = 0; i < Slices; i++)
            {
                foreach (var scenario in order)
                {
                    var before = await cosmos.ReadAsync();
                    slices[scenario].Add(await ScenarioRunner.MeasureForAsync(client, scenario, slice, options.Concurrency));
                    cosmosRequests[scenario] += CosmosCounts.Between(before, await cosmos.ReadAsync()).Sum(k => k.Count);
                }
            }
            var measured = order.ToDictionary(s => s, s => Report.Combine(s.Name, slices[s]));
            foreach (var scenario in order)
            {
                Report.PrintRow(measured[scenario]);
                ok &= measured[scenario].Unexpected == 0;
            }
            ratios.Add(Report.Throughput(measured[config]) / Report.Throughput(measured[constant]));
            Report.PrintNote(FormattableString.Invariant($"round {round + 1}: throughput ratio {ratios[^1]:F2}"));
        }
        var measuredSeconds = (double)options.Rounds * options.Seconds;
        Console.WriteLine(FormattableString.Invariant(
            $"# Cosmos requests per second while agent-config ran: {cosmosRequests[config] / measuredSeconds:F0}, while the constant body ran: {cosmosRequests[constant] / measuredSeconds:F0}; load average {Report.LoadAverage()}"));
        ratios.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"# throughput ratio agent-config / constant: median {Median(ratios):F2} of {ratios.Count} rounds (range {ratios[0]:F2}-{ratios[^1]:F2}; 1.00 = as fast as a constant body)"));
        return ok ? ExitCodes.Ok : ExitCodes.UnexpectedStatus;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string ConfigPath(string number) => $"api/v2/voice/agent-config?to={Uri.EscapeDataString(number)}";
}
