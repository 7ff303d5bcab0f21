using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

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
        if (options.AppPid is not { } appPid)
        {
            Console.Error.WriteLine("The migration benchmark needs the app's process (--app-pid), which scripts/bench.sh passes.");
            return ExitCodes.UnexpectedStatus;
        }
        using var app = Process.GetProcessById(appPid);
        var settled = await WaitUntilQuietAsync(app);
        Console.WriteLine(FormattableString.Invariant(
            $"# the app went quiet {settled.TotalSeconds:F0} s after the seeding (its realtime listener routes what the seeding wrote; not measured)"));

        using var counts = new CosmosCounts(options.Cosmos);
        var before = await counts.ReadAsync();
        var runCpu = CpuOf(app);
        if (await MigrateAsync(client) is not { } run)
        {
            return ExitCodes.UnexpectedStatus;
        }
        runCpu = CpuOf(app) - runCpu;
        var ended = await counts.ReadAsync();
        var during = CosmosCounts.Between(before, ended);
        var migration = run.GetProperty("migration");
        var scanned = migration.GetProperty("scanned").GetInt32();
        var writes = migration.GetProperty("writes").GetInt32();
        var seconds = (run.GetProperty("finishedAt").GetDateTime() - run.GetProperty("startedAt").GetDateTime()).TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"migration run      {scanned,8} businesses {seconds,8:F1} s {scanned / seconds,9:F1} businesses/s   {writes} documents written: {writes / seconds:F1} writes/s"));
        Console.WriteLine($"  {migration.GetRawText()}");
        Console.WriteLine(FormattableString.Invariant(
            $"# the app used {runCpu.TotalSeconds / seconds:F2} cores during the run: {runCpu.TotalMilliseconds / scanned:F2} ms of CPU per business"));
        PrintRequests("during the run", during, scanned);

        var appCpu = CpuOf(app);
        var caughtUp = await WaitUntilQuietAsync(app);
        Console.WriteLine(FormattableString.Invariant(
            $"# the app went quiet {caughtUp.TotalSeconds:F0} s after the run, having used {(CpuOf(app) - appCpu).TotalSeconds:F0} s of CPU (its realtime listener routing the run's last changes); the raw writes start then"));
        PrintRequests("after the run, until the app went quiet", CosmosCounts.Between(ended, await counts.ReadAsync()), scanned);

        using var cosmos = Connect();
        appCpu = CpuOf(app);
        var raw = await RawWritesAsync(cosmos.GetDatabase(Database), writes);
        Console.WriteLine(FormattableString.Invariant(
            $"raw point writes   {writes,8} writes     {raw.TotalSeconds,8:F1} s {writes / raw.TotalSeconds,9:F1} writes/s (concurrency {RawConcurrency}; the app used {(CpuOf(app) - appCpu) / raw:F2} cores meanwhile)"));
        Console.WriteLine(FormattableString.Invariant(
            $"# ratio migration / raw write rate: {raw.TotalSeconds / seconds:F2} (the run's writes per second over the same number of plain point writes; target 0.5)"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The Cosmos requests served in a phase, by kind, per business scanned: the run's own, the realtime listener's
    /// (change feed reads and the router's queries) and the benchmark's status polls (which read no Cosmos).
    /// </summary>
    private static void PrintRequests(string phase, List<(string Kind, long Count)> during, int scanned)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"# Cosmos requests {phase}: {during.Sum(k => k.Count)}, {(double)during.Sum(k => k.Count) / scanned:F2} per business; by kind (per business):"));
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
    /// Waits until the app has used less than <see cref="QuietCores"/> of a core for <see cref="QuietFor"/>: its
    /// realtime listener has routed what was written, so what comes next does not share the machine with it. Not the
    /// change feed estimator: the local Cosmos server sends no session token, from which the estimator reads how far
    /// the feed has gone, so it reads nothing pending while the listener is still routing. Returns how long it waited.
    /// </summary>
    private static async Task<TimeSpan> WaitUntilQuietAsync(Process app)
    {
        var waited = Stopwatch.StartNew();
        var (quietSince, cpu, at) = (TimeSpan.Zero, CpuOf(app), waited.Elapsed);
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var (cpuNow, now) = (CpuOf(app), waited.Elapsed);
            if ((cpuNow - cpu) / (now - at) >= QuietCores)
            {
                quietSince = now;
            }
            else if (now - quietSince >= QuietFor)
            {
                return quietSince;
            }
            if (waited.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException("The app was still busy 30 minutes after the run.");
            }
            (cpu, at) = (cpuNow, now);
        }
    }

    private const double QuietCores = 0.1;
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(10);

    private static TimeSpan CpuOf(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
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
