using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;

namespace MultiPhone.Bench;

/// <summary>
/// Part 2 of <see cref="HistoryBench"/>: a phone with <see cref="Revisions"/> revisions, made through the API (PUTs of
/// its four sections, one writer per section), then pages of <see cref="PageSize"/> of its history read one at a time:
/// all sections, and <c>?section=voice</c>, in alternating blocks. Prints p50/p99 (goal: p99 under 100 ms) and what
/// serves the query, with the number of documents the local server has to scan for it.
/// </summary>
internal static class HistoryPages
{
    public const int Revisions = 10_000;
    private const int PageSize = 50;
    private const int MaxPageSize = 200;
    private const int WarmupReads = 50;
    private const int Blocks = 6;
    private const int ReadsPerBlock = 50;
    private const int DirectReads = 100;

    /// <summary>The containers that keep history (ContainerDefinition.KeepsHistory): a history page queries each of them.</summary>
    private static readonly ContainerDefinition[] HistoryContainers =
    [
        BusinessStore.Definition, PhoneNumberStore.PhonesDefinition, SettingsStore.Definition, StaffStore.StaffDefinition,
        StaffStore.AssignmentsDefinition, ServiceStore.ServicesDefinition, ServiceStore.SelectionsDefinition,
    ];

    public static async Task<bool> RunAsync(HttpClient client, BenchOptions options)
    {
        var businessId = $"bench-{Guid.NewGuid():N}";
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, 1))
        {
            return false;
        }
        var phoneId = (await HistoryBench.CreatePhonesAsync(client, businessId, 1))[0];
        var history = $"api/v2/businesses/{businessId}/phone-numbers/{phoneId}/history";
        var existing = await CountAsync(client, history);
        var chains = Sections.Keys.Select(section => new ETagChain($"api/v2/businesses/{businessId}/phone-numbers/{phoneId}/settings/{section}")).ToList();
        var filling = Stopwatch.StartNew();
        var fill = await ETagChains.WriteCountAsync(client, "fill", chains,
            (chain, sequence) => (chain.Path, Sections[chain.Path[(chain.Path.LastIndexOf('/') + 1)..]](sequence)), Revisions - existing);
        var filled = filling.Elapsed;
        var (total, voice) = (await CountAsync(client, history), await CountAsync(client, $"{history}?section=voice"));
        Console.WriteLine(FormattableString.Invariant(
            $"# part 2: phone {phoneId} given {fill.Latencies.Length} section PUTs ({chains.Count} writers, one per section) in {filled.TotalSeconds:F0} s (not measured): ")
            + FormattableString.Invariant($"its history holds {total} revisions, {voice} of them voice"));
        if (fill.Unexpected > 0)
        {
            Report.PrintWarmupFailures(fill);
            return false;
        }

        var all = new Scenario($"history page of {PageSize}", _ => new HttpRequestMessage(HttpMethod.Get, $"{history}?pageSize={PageSize}"), HttpStatusCode.OK);
        var voicePage = new Scenario("  ?section=voice", _ => new HttpRequestMessage(HttpMethod.Get, $"{history}?section=voice&pageSize={PageSize}"), HttpStatusCode.OK);
        if (!await IsFullPageAsync(client, all) || !await IsFullPageAsync(client, voicePage))
        {
            return false;
        }
        var ok = true;
        foreach (var scenario in new[] { all, voicePage })
        {
            ok &= (await ScenarioRunner.MeasureAsync(client, scenario, firstSequence: 0, WarmupReads, concurrency: 1)).Unexpected == 0;
        }
        var measured = new Dictionary<Scenario, List<Measurement>> { [all] = [], [voicePage] = [] };
        for (var block = 0; block < Blocks; block++)
        {
            foreach (var scenario in block % 2 == 0 ? new[] { all, voicePage } : [voicePage, all])
            {
                measured[scenario].Add(await ScenarioRunner.MeasureAsync(client, scenario, firstSequence: 0, ReadsPerBlock, concurrency: 1));
            }
        }
        Console.WriteLine($"# {WarmupReads} reads of each to warm up, then {Blocks} alternating blocks of {ReadsPerBlock}; one read at a time; "
            + $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Report.PrintColumns();
        var results = measured.Select(m => Report.Combine(m.Key.Name, m.Value)).ToList();
        foreach (var result in results)
        {
            Report.PrintRow(result);
            ok &= result.Unexpected == 0;
        }
        Console.WriteLine(FormattableString.Invariant(
            $"# history page of {PageSize}: p50 {Report.P(results[0], 50):F1} ms, p99 {Report.P(results[0], 99):F1} ms; with ?section=voice: p50 {Report.P(results[1], 50):F1} ms, p99 {Report.P(results[1], 99):F1} ms (goal: p99 < 100 ms)"));
        await PrintServedByAsync(businessId, phoneId);
        return ok;
    }

    /// <summary>The phone's bodies per section, each differing in every write so that every revision records a change.</summary>
    private static readonly Dictionary<string, Func<int, object>> Sections = new()
    {
        ["voice"] = n => new { greeting = $"Thanks for calling Harbor Dental. How can I help you today? ({n})" },
        ["rules"] = n => new { afterHours = new { action = "takeMessage", message = $"We're closed. Leave a message and we'll call you back. ({n})" } },
        ["hours"] = n => new { holidays = new[] { new { date = "2027-01-01", label = $"New Year's Day ({n})", closed = true } } },
        ["sms"] = n => new { signature = $"Harbor Dental ({n})" },
    };

    /// <summary>How many entries the history at <paramref name="path"/> lists, counted page by page.</summary>
    private static async Task<int> CountAsync(HttpClient client, string path)
    {
        var separator = path.Contains('?') ? '&' : '?';
        var (count, token) = (0, (string?)null);
        do
        {
            var page = await client.GetFromJsonAsync<Page>(
                $"{path}{separator}pageSize={MaxPageSize}" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}"));
            count += page!.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return count;
    }

    private static async Task<bool> IsFullPageAsync(HttpClient client, Scenario scenario)
    {
        using var request = scenario.CreateRequest(0);
        using var response = await client.SendAsync(request);
        var page = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<Page>() : null;
        if (page is { Items.Count: PageSize, ContinuationToken: not null })
        {
            return true;
        }
        Console.Error.WriteLine($"{request.RequestUri} answered {(int)response.StatusCode} with {page?.Items.Count} entries, not a full page of {PageSize} and more.");
        return false;
    }

    /// <summary>
    /// Says what serves a page, counts what the local server scans for it (every document of the business's partition
    /// in each container), and times the settings container's query (the one with the revisions) sent straight to
    /// the local server, so the page's latency can be split between the server's scan and the rest.
    /// </summary>
    private static async Task PrintServedByAsync(string businessId, string phoneId)
    {
        using var cosmos = MigrationBench.Connect();
        var database = cosmos.GetDatabase(MigrationBench.Database);
        var partition = new QueryRequestOptions { PartitionKey = new PartitionKey(businessId) };
        // Naming the partition key in the query as well: the local server refuses a query that does not, unless cross-partition.
        var everything = new QueryDefinition("SELECT c.id FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", businessId);
        var counts = new List<string>();
        foreach (var definition in HistoryContainers)
        {
            counts.Add($"{definition.Name} {await CountAllAsync(database.GetContainer(definition.Name), everything, partition)}");
        }
        Console.WriteLine($"# each page is one query per container that keeps history ({HistoryContainers.Length}), in the business's partition, merged: "
            + "SELECT TOP 51 * FROM c WHERE IS_DEFINED(c.revisionOf) AND ARRAY_CONTAINS(c.phoneIds, @phoneId) [AND c.target.section = @section] ORDER BY c.id DESC");
        Console.WriteLine("# on Cosmos DB the default range index (every path) serves it: /phoneIds/[] and /target/section for the filter, /id for the order; "
            + $"the local server walks each partition's ids in order (its id-order index, tools/emulators), over: {string.Join(", ", counts)} documents");

        var settings = database.GetContainer(SettingsStore.Definition.Name);
        var query = new QueryDefinition($"SELECT TOP {PageSize + 1} * FROM c WHERE IS_DEFINED(c.revisionOf) AND ARRAY_CONTAINS(c.phoneIds, @phoneId) ORDER BY c.id DESC")
            .WithParameter("@phoneId", phoneId);
        var latencies = new List<long>();
        for (var i = 0; i < WarmupReads + DirectReads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await CountAllAsync(settings, query, partition);
            if (i >= WarmupReads)
            {
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
        }
        var direct = new Measurement("settings query", 1, [.. latencies], TimeSpan.Zero, 0, null);
        Console.WriteLine(FormattableString.Invariant(
            $"# the settings container's query of a page, straight to the local server ({DirectReads} after {WarmupReads}, one at a time): p50 {Report.P(direct, 50):F1} ms, p99 {Report.P(direct, 99):F1} ms"));
    }

    /// <summary>How many documents the query returns, read as the app reads (a stream iterator scoped to the partition).</summary>
    private static async Task<int> CountAllAsync(Container container, QueryDefinition query, QueryRequestOptions options)
    {
        var count = 0;
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync();
            page.EnsureSuccessStatusCode();
            using var document = await System.Text.Json.JsonDocument.ParseAsync(page.Content);
            count += document.RootElement.GetProperty("Documents").GetArrayLength();
        }
        return count;
    }

    private sealed record Page(IReadOnlyList<object> Items, string? ContinuationToken);
}
