using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MultiPhone.Bench;

/// <summary>
/// Issue 19's goals for bulk edits, at a business of <c>--phones</c> locations (default 1,000): the preview (dry run)
/// of a greeting change to all of them under 5 s, its apply under 60 s and its undo under 60 s. Apply and undo are timed
/// from the POST until the edit reads completed (polled every <see cref="Poll"/>), and by the edit's own createdAt →
/// completedAt. For each phase the requests the local Cosmos server served (<see cref="CosmosCounts"/>) are printed per
/// location and by kind: they include the app's background work meanwhile (change feeds) and this benchmark's polls.
/// Each result is checked: every location changed, and each one's effective greeting read back (the new one after the
/// apply, its own from before after the undo). A small edit of ten locations warms the code up first, not measured.
/// </summary>
internal static class BulkBench
{
    public const string Command = "bulk";
    private const int DefaultPhones = 1000;
    private const int Parallelism = 8;
    private const int WarmupPhones = 10;
    private const string WarmupLabel = "warm-up";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PreviewGoal = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ApplyGoal = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var count = options.Phones ?? DefaultPhones;
        var businessId = $"bench-{Guid.NewGuid():N}";
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, count))
        {
            return ExitCodes.UnexpectedStatus;
        }
        var setup = Stopwatch.StartNew();
        var phoneIds = await CreatePhonesAsync(client, businessId, count);
        Console.WriteLine(FormattableString.Invariant($"# bulk: {count} locations created in {setup.Elapsed.TotalSeconds:F1} s; load average {Report.LoadAverage()}"));
        var edits = new Edits(client, businessId);
        var ok = await WarmUpAsync(edits);

        using var cosmos = new CosmosCounts(options.Cosmos);
        var before = await GreetingsAsync(client, businessId, phoneIds);
        var greeting = $"Bulk bench greeting {Guid.NewGuid():N}"[..32];
        var edit = new { target = new { all = true }, operation = new { kind = "set", section = "voice", fields = new { greeting } } };

        var preview = await MeasureAsync(cosmos, () => edits.PreviewAsync(edit));
        ok &= Check("preview", Outcomes(preview.Result, count, "change") && preview.Result.GetProperty("items").EnumerateArray()
            .All(i => i.GetProperty("changes").EnumerateArray().Any(c => c.GetProperty("path").GetString() == "greeting" && c.GetProperty("after").GetString() == greeting)));

        var apply = await MeasureAsync(cosmos, () => edits.ApplyAsync(edit));
        var applied = await GreetingsAsync(client, businessId, phoneIds);
        ok &= Check("apply", Completed(apply.Result, count) && phoneIds.All(id => applied[id] == greeting));

        var undo = await MeasureAsync(cosmos, () => edits.UndoAsync(apply.Result.GetProperty("id").GetString()!));
        var undone = await GreetingsAsync(client, businessId, phoneIds);
        ok &= Check("undo", Completed(undo.Result, count) && phoneIds.All(id => undone[id] == before[id]));

        Print(count, preview, apply, undo, edits.Polls);
        return ok ? ExitCodes.Ok : ExitCodes.UnexpectedStatus;
    }

    private sealed record Measured(JsonElement Result, TimeSpan Elapsed, List<(string Kind, long Count)> Cosmos)
    {
        public long Requests => Cosmos.Sum(k => k.Count);

        /// <summary>The edit's own createdAt → completedAt (none for a preview).</summary>
        public TimeSpan? OnServer => Result.TryGetProperty("completedAt", out var end) && end.ValueKind == JsonValueKind.String
            ? end.GetDateTimeOffset() - Result.GetProperty("createdAt").GetDateTimeOffset()
            : null;
    }

    private static async Task<Measured> MeasureAsync(CosmosCounts cosmos, Func<Task<JsonElement>> phase)
    {
        var before = await cosmos.ReadAsync();
        var clock = Stopwatch.StartNew();
        var result = await phase();
        var elapsed = clock.Elapsed;
        return new Measured(result, elapsed, CosmosCounts.Between(before, await cosmos.ReadAsync()));
    }

    /// <summary>The bulk-edit calls of one business; counts the status reads it polls.</summary>
    private sealed class Edits(HttpClient client, string businessId)
    {
        private readonly string path = $"api/v2/businesses/{businessId}/bulk-edits";

        public int Polls { get; private set; }

        public async Task<JsonElement> PreviewAsync(object edit) =>
            await ReadAsync(await client.PostAsync(path, JsonBody.Create(Merge(edit, dryRun: true))), HttpStatusCode.OK);

        /// <summary>Applies the edit and waits until it is no longer running; the edit as it ended.</summary>
        public async Task<JsonElement> ApplyAsync(object edit) =>
            await FinishedAsync(await ReadAsync(await client.PostAsync(path, JsonBody.Create(Merge(edit, dryRun: false))), HttpStatusCode.Accepted));

        public async Task<JsonElement> UndoAsync(string editId) =>
            await FinishedAsync(await ReadAsync(await client.PostAsync($"{path}/{editId}/undo", JsonBody.Create(new { force = false })), HttpStatusCode.Accepted));

        private async Task<JsonElement> FinishedAsync(JsonElement started)
        {
            var id = started.GetProperty("id").GetString()!;
            var deadline = DateTimeOffset.UtcNow + GiveUp;
            while (true)
            {
                Polls++;
                var edit = await client.GetFromJsonAsync<JsonElement>($"{path}/{id}");
                if (edit.GetProperty("status").GetString() != "running" || DateTimeOffset.UtcNow > deadline)
                {
                    return edit;
                }
                await Task.Delay(Poll);
            }
        }

        private static JsonElement Merge(object edit, bool dryRun)
        {
            var body = JsonSerializer.SerializeToNode(edit, JsonSerializerOptions.Web)!.AsObject();
            body["dryRun"] = dryRun;
            return JsonSerializer.SerializeToElement(body);
        }

        private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != expected)
                {
                    throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}, not {(int)expected}: {body}");
                }
                return JsonDocument.Parse(body).RootElement.Clone();
            }
        }
    }

    /// <summary>A preview, apply and undo of a greeting on the first few locations (labelled so), so that the measured run finds the code compiled.</summary>
    private static async Task<bool> WarmUpAsync(Edits edits)
    {
        var edit = new { target = new { label = WarmupLabel }, operation = new { kind = "set", section = "voice", fields = new { greeting = "Warm-up greeting" } } };
        var preview = await edits.PreviewAsync(edit);
        var applied = await edits.ApplyAsync(edit);
        var undone = await edits.UndoAsync(applied.GetProperty("id").GetString()!);
        Console.WriteLine($"# warm-up, not measured: a greeting previewed, applied and undone at {WarmupPhones} locations");
        return Check("warm-up", Outcomes(preview, WarmupPhones, "change") && Completed(applied, WarmupPhones) && Completed(undone, WarmupPhones));
    }

    /// <summary>Whether the edit completed with every one of <paramref name="count"/> locations changed, each listed once.</summary>
    private static bool Completed(JsonElement edit, int count) =>
        edit.GetProperty("status").GetString() == "completed" && Outcomes(edit, count, "change");

    private static bool Outcomes(JsonElement result, int count, string outcome)
    {
        var items = result.GetProperty("items").EnumerateArray().ToList();
        return result.GetProperty("counts").GetProperty("changed").GetInt32() == count
            && items.Count == count
            && items.Select(i => i.GetProperty("phoneId").GetString()).Distinct().Count() == count
            && items.All(i => i.GetProperty("outcome").GetString() == outcome);
    }

    private static bool Check(string what, bool ok)
    {
        Console.WriteLine($"# {what}: {(ok ? "checked: every location as expected" : "NOT every location as expected")}");
        return ok;
    }

    private static void Print(int count, Measured preview, Measured apply, Measured undo, int polls)
    {
        const string format = "{0,-8} {1,10:F2} {2,10} {3,8} {4,6} {5,14} {6,14:F2}";
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, format, "phase", "seconds", "on server", "goal", "met", "Cosmos reqs", "per location"));
        foreach (var (name, phase, goal) in new[] { ("preview", preview, PreviewGoal), ("apply", apply, ApplyGoal), ("undo", undo, ApplyGoal) })
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, format, name, phase.Elapsed.TotalSeconds,
                phase.OnServer is { } server ? server.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) : "-",
                $"< {goal.TotalSeconds:F0} s", phase.Elapsed < goal ? "yes" : "NO", phase.Requests, (double)phase.Requests / count));
        }
        Console.WriteLine($"# the apply and undo counts include the benchmark's own {polls} status reads (each a read and a query) and the app's change feeds meanwhile");
        foreach (var (name, phase) in new[] { ("apply", apply), ("undo", undo) })
        {
            Console.WriteLine($"# Cosmos requests during {name}, by kind (per location):");
            foreach (var (kind, n) in phase.Cosmos)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-60} {1,8} {2,8:F2}", kind, n, (double)n / count));
            }
        }
        var met = preview.Elapsed < PreviewGoal && apply.Elapsed < ApplyGoal && undo.Elapsed < ApplyGoal;
        Console.WriteLine(FormattableString.Invariant(
            $"# {count} locations: preview {preview.Elapsed.TotalSeconds:F2} s, apply {apply.Elapsed.TotalSeconds:F1} s, undo {undo.Elapsed.TotalSeconds:F1} s; Cosmos requests per location: apply {(double)apply.Requests / count:F1}, undo {(double)undo.Requests / count:F1}; goals {(met ? "met" : "NOT met")}; load average {Report.LoadAverage()}"));
    }

    /// <summary>The phones, labelled "bench" (the first few also "warm-up"), in the order given.</summary>
    private static async Task<string[]> CreatePhonesAsync(HttpClient client, string businessId, int count)
    {
        var numbers = new UsNumbers(count);
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            string[] labels = i < WarmupPhones ? ["bench", WarmupLabel] : ["bench"];
            using var response = await client.PostAsync($"api/v2/businesses/{businessId}/phone-numbers",
                JsonBody.Create(new { phoneNumber = numbers.Get(i), displayName = $"Bench {i:D4}", timezone = "America/Los_Angeles", labels }));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new HttpRequestException($"Creating a phone gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        });
        return ids;
    }

    /// <summary>Each phone's effective greeting, as its voice settings read now.</summary>
    private static async Task<Dictionary<string, string?>> GreetingsAsync(HttpClient client, string businessId, IReadOnlyList<string> phoneIds)
    {
        var greetings = new string?[phoneIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, phoneIds.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var voice = await client.GetFromJsonAsync<JsonElement>($"api/v2/businesses/{businessId}/phone-numbers/{phoneIds[i]}/settings/voice");
            greetings[i] = voice.GetProperty("effective").TryGetProperty("greeting", out var g) ? g.GetString() : null;
        });
        return phoneIds.Select((id, i) => (id, greetings[i])).ToDictionary(p => p.id, p => p.Item2);
    }
}
