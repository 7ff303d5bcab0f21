using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MultiPhone.Bench;

/// <summary>
/// What keeping history costs (issue 17's goals), in two parts:
/// <list type="number">
/// <item>Writes: a phone's voice PUT, which commits the section and its revision in one transactional batch, against
/// the same PUT on the same store and documents without a revision (the benchmark-only route of BenchmarkApi).
/// <c>--concurrency</c> workers, each writing its own phone under the ETag its previous write answered. Both are warmed
/// up until steady, then measured in <c>--rounds</c> rounds in which they take turns in short slices, so the shared
/// machine's noise falls on both. Goals: throughput with revision at least 0.85 of without, p99 at most 1.2 times.</item>
/// <item>Reads: a phone given <see cref="HistoryPages.Revisions"/> revisions through the API, then pages of 50 of its
/// history, all sections and <c>?section=voice</c>. Goal: p99 under 100 ms (<see cref="HistoryPages"/>).</item>
/// </list>
/// </summary>
internal static class HistoryBench
{
    public const string Command = "history";

    /// <summary>Turns each variant takes within a round.</summary>
    private const int Slices = 5;

    private const string Instructions = "You are the receptionist of a family dental practice. Be warm and brief. Never give medical advice; "
        + "offer an appointment instead. Confirm names and phone numbers by repeating them back.";

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var ok = await CompareWritesAsync(client, options);
        ok &= await HistoryPages.RunAsync(client, options);
        return ok ? ExitCodes.Ok : ExitCodes.UnexpectedStatus;
    }

    private static async Task<bool> CompareWritesAsync(HttpClient client, BenchOptions options)
    {
        var businessId = $"bench-{Guid.NewGuid():N}";
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, options.Concurrency))
        {
            return false;
        }
        var phoneIds = await CreatePhonesAsync(client, businessId, options.Concurrency);
        var chains = phoneIds.Select(p => new ETagChain($"api/v2/businesses/{businessId}/phone-numbers/{p}/settings/voice")).ToList();
        Console.WriteLine($"# part 1: a phone's voice PUT with its revision (one transactional batch) against the same PUT without one; "
            + $"{options.Concurrency} workers, each on its own phone, {options.Rounds} rounds of {options.Seconds} s per variant, taken in {Slices} turns");

        Task<Measurement> WithRevision(TimeSpan duration) => ETagChains.WriteForAsync(client, "PUT with revision", chains, Voice(""), duration);
        Task<Measurement> WithoutRevision(TimeSpan duration) => ETagChains.WriteForAsync(client, "PUT without", chains, Voice("/without-history"), duration);
        var ok = await ScenarioRunner.WarmUpUntilSteadyAsync([WithRevision, WithoutRevision]);
        Report.PrintColumns();
        var (ratios, p99Ratios) = (new List<double>(), new List<double>());
        var all = new Dictionary<bool, List<Measurement>> { [true] = [], [false] = [] };
        var slice = TimeSpan.FromSeconds(options.Seconds / (double)Slices);
        for (var round = 0; round < options.Rounds; round++)
        {
            // Each round starts with the other variant, so that what the machine does meanwhile falls on both about equally.
            var order = round % 2 == 0 ? new[] { true, false } : [false, true];
            var slices = order.ToDictionary(v => v, _ => new List<Measurement>());
            for (var i = 0; i < Slices; i++)
            {
                foreach (var withRevision in order)
                {
                    slices[withRevision].Add(await (withRevision ? WithRevision(slice) : WithoutRevision(slice)));
                }
            }
            foreach (var withRevision in order)
            {
                var measured = Report.Combine(slices[withRevision][0].Scenario, slices[withRevision]);
                Report.PrintRow(measured);
                all[withRevision].Add(measured);
                ok &= measured.Unexpected == 0;
            }
            ratios.Add(Report.Throughput(all[true][^1]) / Report.Throughput(all[false][^1]));
            p99Ratios.Add(Report.P(all[true][^1], 99) / Report.P(all[false][^1], 99));
            Report.PrintNote(FormattableString.Invariant($"round {round + 1}: throughput ratio {ratios[^1]:F2}, p99 ratio {p99Ratios[^1]:F2}"));
        }
        var (with, without) = (Report.Combine("PUT with revision", all[true]), Report.Combine("PUT without", all[false]));
        Console.WriteLine("# all rounds");
        Report.PrintRow(with);
        Report.PrintRow(without);
        ratios.Sort();
        p99Ratios.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"# throughput with / without revision: {Report.Throughput(with):F0} / {Report.Throughput(without):F0} req/s, ratio {Report.Throughput(with) / Report.Throughput(without):F2} over all rounds, ")
            + FormattableString.Invariant($"median of rounds {ratios[ratios.Count / 2]:F2} (range {ratios[0]:F2}-{ratios[^1]:F2}; goal >= 0.85)"));
        Console.WriteLine(FormattableString.Invariant(
            $"# latency with / without revision: p50 {Report.P(with, 50):F1} / {Report.P(without, 50):F1} ms ({Report.P(with, 50) / Report.P(without, 50):F2}x), ")
            + FormattableString.Invariant($"p99 {Report.P(with, 99):F1} / {Report.P(without, 99):F1} ms ({Report.P(with, 99) / Report.P(without, 99):F2}x over all rounds, ")
            + FormattableString.Invariant($"median of rounds {p99Ratios[p99Ratios.Count / 2]:F2}x, range {p99Ratios[0]:F2}-{p99Ratios[^1]:F2}; goal <= 1.20x)"));
        return ok;
    }

    /// <summary>A realistic voice override (about 400 bytes) whose greeting differs in every write, so each revision records a change.</summary>
    private static Func<ETagChain, int, (string, object)> Voice(string suffix) => (chain, sequence) => (chain.Path + suffix, new
    {
        agentName = "Ava",
        greeting = $"Thanks for calling Harbor Dental, this is Ava. How can I help you today? ({sequence})",
        instructions = Instructions,
        transferNumber = "+14155550100",
    });

    /// <summary>Creates <paramref name="count"/> phones in the business, a few at a time; their ids.</summary>
    public static async Task<string[]> CreatePhonesAsync(HttpClient client, string businessId, int count)
    {
        var numbers = new UsNumbers(count);
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            using var response = await client.PostAsync($"api/v2/businesses/{businessId}/phone-numbers",
                JsonBody.Create(new { phoneNumber = numbers.Get(i), displayName = $"Bench {i}", timezone = "America/Los_Angeles" }));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new HttpRequestException($"Creating a phone gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        });
        return ids;
    }
}
