using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.DevData;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Migration;

namespace MultiPhone.IntegrationTests.Migration;

/// <summary>Legacy data of a test's own and the ops calls the migration tests make over and over.</summary>
internal static class Migrations
{
    public const string Base = "/api/v2/migrations/legacy-phones";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Writes <paramref name="count"/> generated legacy businesses under a seed no other test uses, one whose businesses
    /// have what the test needs (<paramref name="suitable"/>); returns what the generator meant them to be.
    /// </summary>
    public static async Task<List<GeneratedBusiness>> SeedAsync(ApiFactory api, int count, Func<List<GeneratedBusiness>, bool>? suitable = null)
    {
        while (true)
        {
            var seed = Random.Shared.Next(1_000, 1_000_000_000);
            List<GeneratedBusiness> businesses = [.. Enumerable.Range(0, count).Select(i => LegacyDataGenerator.Generate(seed, i, count))];
            if (suitable?.Invoke(businesses) == false)
            {
                continue;
            }
            await ActivatorUtilities.CreateInstance<LegacyDataSeeder>(api.Services).SeedAsync(seed, 0, count, concurrency: 16, TestContext.Current.CancellationToken);
            return businesses;
        }
    }

    /// <summary>A business the migration will migrate and that the lines of its document named by <paramref name="paths"/> describe.</summary>
    public static bool Migratable(GeneratedBusiness business, params string[] paths) =>
        business.Expected == MigrationOutcomeKind.Migrated && business.Route is not null
        && paths.All(path => path.Split('.').Aggregate((JsonNode?)business.Document, (node, name) => node?[name]) is not null);

    public static object Run(IEnumerable<GeneratedBusiness> businesses, bool dryRun = false, bool verify = false, int batchSize = 10, int maxParallelism = 4) =>
        new { dryRun, verify, batchSize, maxParallelism, businessIds = businesses.Select(b => b.Id).ToArray() };

    /// <summary>Starts a run and returns its id, checking the 202 and its management shape.</summary>
    public static async Task<string> StartAsync(HttpClient ops, object body, string path = Base)
    {
        var response = await ops.SendJsonAsync(HttpMethod.Post, path, body);
        var started = await response.ReadAsync<JsonElement>(HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal(started.GetProperty("statusQueryGetUri").GetString(), response.Headers.Location?.AbsoluteUri);
        return id;
    }

    public static async Task<JsonElement> StatusAsync(HttpClient ops, string runId) =>
        await (await ops.GetAsync($"{Base}/{runId}", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

    /// <summary>Polls the run's status until <paramref name="reached"/> holds (a run takes seconds; the limit is generous for a loaded machine).</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient ops, string runId, Func<JsonElement, bool> reached)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(Patience);
        while (true)
        {
            var status = await StatusAsync(ops, runId);
            if (reached(status))
            {
                return status;
            }
            await Task.Delay(250, patience.Token);
        }
    }

    public static Task<JsonElement> FinishedAsync(HttpClient ops, string runId) =>
        WaitAsync(ops, runId, status => RuntimeStatus(status) is "Completed" or "Failed" or "Terminated");

    public static string RuntimeStatus(JsonElement status) => status.GetProperty("runtimeStatus").GetString()!;

    /// <summary>Every entry of the run's report, page by page.</summary>
    public static async Task<List<JsonElement>> ReportAsync(HttpClient ops, string runId, int pageSize = 100)
    {
        var entries = new List<JsonElement>();
        string? token = null;
        do
        {
            var url = $"{Base}/{runId}/report?pageSize={pageSize}" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await (await ops.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
            entries.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);
        return entries;
    }

    /// <summary>What the run's counts must be for these businesses, as the generator meant them.</summary>
    public static MigrationCounts Expected(IReadOnlyCollection<GeneratedBusiness> businesses) => MigrationCounts.Of(businesses.Select(b => new MigrationOutcome(b.Id, b.Expected)));

    /// <summary>The run's counts by outcome (what <see cref="Expected"/> predicts: not the documents written).</summary>
    public static MigrationCounts Counts(JsonElement summary) => Written(summary) with { Writes = 0 };

    public static MigrationCounts Written(JsonElement summary) => summary.GetProperty("migration").Deserialize<MigrationCounts>(Common.ApiJson.Options)!;
}
