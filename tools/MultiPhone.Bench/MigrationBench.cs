using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.Businesses;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;
using MultiPhone.Settings;

namespace MultiPhone.Bench;

/// <summary>
/// The legacy migration at scale: seeds legacy businesses (scripts/seed-legacy.sh), runs the migration over every
/// business through the ops API until it completes, waits for the app's realtime listener to route the run's changes,
/// then, in the same run, has the same Cosmos server do as many plain point writes as the migration wrote, at the
/// concurrency the migration's activities use. Prints businesses
/// per second, both write rates and their ratio: how close the orchestrated, crash-safe migration gets to the
/// server's raw write rate.
/// </summary>
internal static class MigrationBench
{
    public const string Command = "migration";

    /// <summary>The local Cosmos server of scripts/run.sh and its well-known key (local only, not a secret).</summary>
    private const string CosmosEndpoint = "https://127.0.0.1:8081/";
    private const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    internal const string Database = "multiphone";

    /// <summary>
    /// Batches scheduled at once: twice what the instance runs (host.json maxConcurrentActivityFunctions, 8), so a
    /// batch is always waiting when one finishes. Running batches times businesses at once per batch is the number of
    /// Cosmos requests the migration keeps in flight, the raw writes' concurrency.
    /// </summary>
    private const int MaxParallelism = 16;
    private const int RawConcurrency = 8 * 8;
    private const int BatchSize = 100;

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        Console.WriteLine($"# migration: {options.Businesses} legacy businesses (seed {options.Seed}), batches of {BatchSize}, {MaxParallelism} scheduled at once; "
            + $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var seeding = Stopwatch.StartNew();
        if (!await SeedAsync(options))
        {
            return ExitCodes.UnexpectedStatus;
        }
        Console.WriteLine(FormattableString.Invariant($"# seeded in {seeding.Elapsed.TotalSeconds:F0} s (not measured)"));

        using var counts = new CosmosCounts(options.Cosmos);
        var before = await counts.ReadAsync();
        if (await MigrateAsync(client) is not { } run)
        {
            return ExitCodes.UnexpectedStatus;
        }
        var during = CosmosCounts.Between(before, await counts.ReadAsync());
        var migration = run.GetProperty("migration");
        var scanned = migration.GetProperty("scanned").GetInt32();
        var writes = migration.GetProperty("writes").GetInt32();
        var seconds = (run.GetProperty("finishedAt").GetDateTime() - run.GetProperty("startedAt").GetDateTime()).TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"migration run      {scanned,8} businesses {seconds,8:F1} s {scanned / seconds,9:F1} businesses/s   {writes} documents written: {writes / seconds:F1} writes/s"));
        Console.WriteLine($"  {migration.GetRawText()}");
        PrintRequests(during, scanned);

        using var cosmos = Connect();
        var listening = Stopwatch.StartNew();
        var pending = await WaitForListenerAsync(cosmos.GetDatabase(Database));
        Console.WriteLine(FormattableString.Invariant(
            $"# the realtime listener caught up {listening.Elapsed.TotalSeconds:F1} s after the run ({pending} changes were still to route when it ended); the raw writes start on a quiet app"));

        var raw = await RawWritesAsync(cosmos.GetDatabase(Database), writes);
        Console.WriteLine(FormattableString.Invariant(
            $"raw point writes   {writes,8} writes     {raw.TotalSeconds,8:F1} s {writes / raw.TotalSeconds,9:F1} writes/s (concurrency {RawConcurrency})"));
        Console.WriteLine(FormattableString.Invariant(
            $"# ratio migration / raw write rate: {raw.TotalSeconds / seconds:F2} (the run's writes per second over the same number of plain point writes; target 0.5)"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The Cosmos requests served during the run, by kind, per business scanned: the run's own, the realtime listener's
    /// (change feed reads and the router's queries) and the benchmark's status polls (which read no Cosmos).
    /// </summary>
    private static void PrintRequests(List<(string Kind, long Count)> during, int scanned)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"# Cosmos requests during the run: {during.Sum(k => k.Count)}, {(double)during.Sum(k => k.Count) / scanned:F2} per business; by kind (per business):"));
        foreach (var (kind, n) in during)
        {
            Console.WriteLine(FormattableString.Invariant($"  {kind,-60} {n,8} {(double)n / scanned,8:F3}"));
        }
    }

    private static async Task<bool> SeedAsync(BenchOptions options)
    {
        var start = new ProcessStartInfo("bash", ["scripts/seed-legacy.sh", options.Businesses.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        // The optimised build, which scripts/bench.sh has already made.
        start.Environment["MULTIPHONE_CONFIGURATION"] = "Release";
        using var seed = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        await seed.WaitForExitAsync();
        return seed.ExitCode == 0;
    }

    /// <summary>Starts a run over every business and waits for its summary.</summary>
    private static async Task<JsonElement?> MigrateAsync(HttpClient client)
    {
        using var started = await client.PostAsJsonAsync("api/v2/migrations/legacy-phones", new { batchSize = BatchSize, maxParallelism = MaxParallelism });
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            Console.Error.WriteLine($"Starting the migration answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
            return null;
        }
        var status = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusQueryGetUri").GetString()!;
        var last = "";
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var run = await client.GetFromJsonAsync<JsonElement>(status);
            var state = run.GetProperty("runtimeStatus").GetString();
            if (state == "Completed")
            {
                return run.GetProperty("output");
            }
            if (state is "Failed" or "Terminated")
            {
                Console.Error.WriteLine($"The migration ended {state}: {run.GetRawText()}");
                return null;
            }
            if (run.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } progress && progress.GetProperty("percent").ToString() is var percent && percent != last)
            {
                Console.Error.Write($"\r  {percent}% at {progress.GetProperty("ratePerSecond")} businesses/s   ");
                last = percent;
            }
        }
    }

    internal static CosmosClient Connect() => new(CosmosEndpoint, CosmosKey, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        UseSystemTextJsonSerializerWithOptions = JsonSerializerOptions.Web,
        HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            MaxConnectionsPerServer = RawConcurrency,
        }),
    });

    /// <summary>
    /// The routed containers the migration writes to. Only these: the estimator counts a lease that has never
    /// checkpointed (a container nothing was written to since the app started) as one change pending, for good.
    /// </summary>
    private static readonly string[] MigratedContainers =
        [BusinessStore.Definition.Name, PhoneNumberStore.PhonesDefinition.Name, SettingsStore.Definition.Name];

    /// <summary>
    /// Waits until the app's realtime listener has routed every change the run made (the change feed estimator of each
    /// processor says nothing is pending), so the raw writes do not share the server with it. Returns what was pending
    /// when the run ended.
    /// </summary>
    private static async Task<long> WaitForListenerAsync(Database database)
    {
        var leases = database.GetContainer(ChangeFeedListener.LeasesContainer);
        var estimators = MigratedContainers
            .Select(name => database.GetContainer(name).GetChangeFeedEstimator(ChangeFeedListener.ProcessorName(name), leases))
            .ToList();
        var first = -1L;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var pending = 0L;
            foreach (var estimator in estimators)
            {
                using var states = estimator.GetCurrentStateIterator();
                while (states.HasMoreResults)
                {
                    pending += (await states.ReadNextAsync()).Sum(lease => lease.EstimatedLag);
                }
            }
            if (first < 0)
            {
                first = pending;
            }
            if (pending == 0)
            {
                return first;
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"The realtime listener still had {pending} changes to route after 30 minutes.");
            }
            Console.Error.Write($"\r  {pending} changes still to route   ");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Writes <paramref name="count"/> small documents into a scratch container of the same server and database.</summary>
    private static async Task<TimeSpan> RawWritesAsync(Database database, int count)
    {
        var container = (await database.CreateContainerIfNotExistsAsync($"benchRawWrites-{Guid.NewGuid():N}", "/businessId")).Container;
        try
        {
            var payload = new string('x', 700);
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, RawConcurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    var id = $"raw-{i}";
                    await container.CreateItemAsync(new { id, businessId = $"b-{i % 5000}", payload }, new PartitionKey($"b-{i % 5000}"));
                }
            })));
            return clock.Elapsed;
        }
        finally
        {
            await container.DeleteContainerAsync();
        }
    }
}
