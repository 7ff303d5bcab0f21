using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MultiPhone.Bench;

/// <summary>
/// How fast a change reaches the clients that follow it. One business of <c>--clients</c> phones, each followed by one
/// real SignalR client: one in <see cref="ConsoleEvery"/> a console (the phone's settings channel and the business
/// channel), the others voice agents (the phone's voice and hours channels).
/// <list type="number">
/// <item>Writes: changes of a phone's greeting through the REST API at <c>--rate</c> per second, spread over the
/// phones in turn, <c>--writes</c> of them or for <c>--minutes</c>. Each write's latency runs from its HTTP response
/// to the first message carrying its voice version at its phone's client.</item>
/// <item>Fan-out: <see cref="FanOutChanges"/> changes of the business's default agent name, which every phone
/// inherits, one after another, each measured at every client.</item>
/// <item>Delivery: every client's messages checked for one arriving twice or behind a newer one; with
/// <c>--app-pid</c>, the app's resident memory sampled.</item>
/// </list>
/// Every time is taken in this process, so the clocks agree; the clients share the machine with the app.
/// </summary>
internal static class RealtimeBench
{
    public const string Command = "realtime";
    private const int ConsoleEvery = 50;
    private const int FanOutChanges = 5;
    private const int SetupParallelism = 8;
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MemoryBaseline = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var businessId = $"bench-{Guid.NewGuid():N}";
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, options.Clients))
        {
            return ExitCodes.UnexpectedStatus;
        }
        var followers = await FollowNewPhonesAsync(client, token, businessId, options.Clients);
        try
        {
            var writes = options.Minutes is { } minutes ? minutes * 60 * options.Rate : options.Writes;
            var consoles = followers.Count(f => f.Kind == Follower.Console);
            Console.WriteLine(FormattableString.Invariant(
                $"# {options.Clients} phones, each followed by a client ({options.Clients - consoles} agents, {consoles} consoles); {writes} voice writes at {options.Rate}/s; then {FanOutChanges} default changes fanned out to all {options.Clients}"));
            // The app's code starts unoptimised and is recompiled as it runs: warm it up on the same path first.
            var phones = followers.Select(f => f.Subscriber).ToList();
            // A phone's voice version is its default's plus its own layer's: a write's answers the layer's.
            var warmup = await WriteAsync(client, businessId, phones, options.Warmup, options.Rate, defaultVersion: 0, memory: null);
            var (warmFanOut, defaultVersion) = await FanOutAsync(client, businessId, phones, change: 0);
            Console.WriteLine($"# warm-up, not measured: {options.Warmup} writes and a default change");
            var ok = warmup.All.Unexpected + warmFanOut.Unexpected == 0;
            foreach (var failed in new[] { warmup.All, warmFanOut }.Where(m => m.Unexpected > 0))
            {
                Report.PrintWarmupFailures(failed);
            }
            await using var memory = ProcessMemory.Start(options.AppPid);
            var measured = await WriteAsync(client, businessId, phones, writes, options.Rate, defaultVersion, memory);
            Report.PrintColumns();
            foreach (var minute in measured.ByMinute.Count > 1 ? measured.ByMinute : [])
            {
                Report.PrintRow(minute);
            }
            Report.PrintRow(measured.All);
            var fanOuts = new List<Measurement>();
            for (var change = 1; change <= FanOutChanges; change++)
            {
                fanOuts.Add((await FanOutAsync(client, businessId, phones, change)).Measurement);
                Report.PrintRow(fanOuts[^1]);
            }
            var fanOut = Report.Combine("fan-out (all)", fanOuts);
            Report.PrintRow(fanOut);
            var delivery = phones.Select(p => p.Audit()).Aggregate((a, b) => (a.Messages + b.Messages, a.Duplicates + b.Duplicates, a.OutOfOrder + b.OutOfOrder, a.FirstProblem ?? b.FirstProblem));
            Console.WriteLine(FormattableString.Invariant(
                $"# write acknowledged → message received: p50 {Report.P(measured.All, 50):F0} ms, p90 {Report.P(measured.All, 90):F0} ms, p99 {Report.P(measured.All, 99):F0} ms (targets: p50 < 300 ms, p99 < 1000 ms; at 1,000 clients p50 < 100 ms, p99 < 250 ms)"));
            Console.WriteLine(FormattableString.Invariant(
                $"# default change → every inheriting phone's client: p99 {Report.P(fanOut, 99):F0} ms, max {Report.P(fanOut, 100):F0} ms (target: p99 < 1000 ms)"));
            Console.WriteLine(FormattableString.Invariant(
                $"# delivery: {delivery.Messages} messages at {phones.Count} clients, {delivery.Duplicates} received twice, {delivery.OutOfOrder} behind a newer one (target: 0 and 0)"));
            if (delivery.FirstProblem is not null)
            {
                Report.PrintNote($"first: {delivery.FirstProblem}");
            }
            if (memory is not null)
            {
                var (baseline, writesEnded, end) = (memory.At(MemoryBaseline), memory.At(measured.All.Duration), memory.Now);
                Console.WriteLine(FormattableString.Invariant(
                    $"# app resident memory: {Mb(baseline)} MB after {MemoryBaseline.TotalMinutes:F0} min of writes, {Mb(writesEnded)} MB when they ended ({Percent(writesEnded, baseline)}), {Mb(end)} MB after the fan-outs ({Percent(end, baseline)}) (target: within 10 %)"));
            }
            return ok && measured.All.Unexpected + fanOut.Unexpected + delivery.Duplicates + delivery.OutOfOrder == 0
                ? ExitCodes.Ok
                : ExitCodes.UnexpectedStatus;
        }
        finally
        {
            await Task.WhenAll(followers.Select(f => f.Subscriber.DisposeAsync().AsTask()));
        }
    }

    private static string Percent(long bytes, long baseline) => FormattableString.Invariant($"{(bytes - baseline) * 100.0 / baseline:+0.0;-0.0} %");

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The writes' latencies, all together and by the minute they were made in.</summary>
    private sealed record Writes(Measurement All, IReadOnlyList<Measurement> ByMinute);

    /// <summary>Writes the phones' greetings at the given rate (not waiting for earlier writes), then waits for every message.</summary>
    private static async Task<Writes> WriteAsync(HttpClient client, string businessId, IReadOnlyList<RealtimeSubscriber> phones, int count, int rate, long defaultVersion, ProcessMemory? memory)
    {
        var acknowledged = new (RealtimeSubscriber Phone, long Version, long At)?[count];
        var failures = 0;
        string? firstFailure = null;
        async Task WriteOneAsync(int i)
        {
            var phone = phones[i % phones.Count];
            HttpStatusCode status;
            long version, at;
            string body;
            try
            {
                (status, version, at, body) = await PutVoiceAsync(client, $"api/v2/businesses/{businessId}/phone-numbers/{phone.PhoneId}/settings/voice", new { greeting = $"Write {i}" });
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A soak that outruns the app or its database is a result to print, not a crash: the write counts as failed.
                (status, version, at, body) = (0, 0, 0, e.Message);
            }
            if (status == HttpStatusCode.OK)
            {
                acknowledged[i] = (phone, defaultVersion + version, at);
            }
            else if (Interlocked.Increment(ref failures) == 1)
            {
                firstFailure = $"{(int)status} {body}";
            }
        }

        var started = Stopwatch.GetTimestamp();
        var pending = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i * Stopwatch.Frequency / (double)rate);
            if (due > Stopwatch.GetTimestamp())
            {
                await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due));
            }
            pending.Add(WriteOneAsync(i));
        }
        await Task.WhenAll(pending);
        var duration = Stopwatch.GetElapsedTime(started);
        var done = acknowledged.Select((w, i) => (Write: w, Minute: i / (rate * 60))).Where(w => w.Write is not null)
            .Select(w => (w.Write!.Value.Phone, w.Write.Value.Version, w.Write.Value.At, w.Minute)).ToList();
        await DeliveredAsync([.. done.Select(w => (w.Phone, w.Version, w.At))]);
        var all = Measure("write → message", phones.Count, done, duration, failures, firstFailure);
        var byMinute = done.GroupBy(w => w.Minute).Select(g =>
        {
            var name = memory is null ? $"minute {g.Key + 1}" : $"min {g.Key + 1}, {Mb(memory.At(TimeSpan.FromMinutes(g.Key + 1)))} MB";
            return Measure(name, phones.Count, [.. g], TimeSpan.FromSeconds(Math.Min(60, duration.TotalSeconds - g.Key * 60)), 0, null);
        }).ToList();
        return new Writes(all, byMinute);
    }

    private static Measurement Measure(
        string scenario, int clients, IReadOnlyList<(RealtimeSubscriber Phone, long Version, long At, int Minute)> writes, TimeSpan duration, int failures, string? firstFailure)
    {
        long[] latencies = [.. writes.Select(w => w.Phone.ArrivalOf(w.Version) - w.At).OfType<long>()];
        var missing = writes.Count - latencies.Length;
        return new Measurement(scenario, clients, latencies, duration, failures + missing,
            firstFailure ?? (missing > 0 ? $"{missing} writes' messages did not arrive within {DeliveryDeadline.TotalSeconds:F0} s" : null));
    }

    /// <summary>One change of the business's default agent name, which every phone inherits, until every client has it; and the default's new version.</summary>
    private static async Task<(Measurement Measurement, long Version)> FanOutAsync(HttpClient client, string businessId, IReadOnlyList<RealtimeSubscriber> phones, int change)
    {
        // A phone's voice version is the default's plus its own layer's: the change makes it one more than the last.
        var expected = phones.Select(p => (Phone: p, Version: p.HighestVoiceVersion + 1)).ToList();
        var (status, version, at, body) = await PutVoiceAsync(client, $"api/v2/businesses/{businessId}/settings/defaults/voice", new { agentName = $"Default {change}" });
        if (status != HttpStatusCode.OK)
        {
            return (new Measurement($"fan-out {change}", phones.Count, [], TimeSpan.Zero, phones.Count, $"{(int)status} {body}"), 0);
        }
        var latencies = await DeliveredAsync([.. expected.Select(e => (e.Phone, e.Version, at))]);
        var missing = phones.Count - latencies.Length;
        return (new Measurement($"fan-out {change}", phones.Count, latencies, TimeSpan.FromTicks(latencies.DefaultIfEmpty().Max() * TimeSpan.TicksPerSecond / Stopwatch.Frequency),
            missing, missing > 0 ? $"{missing} clients did not get it within {DeliveryDeadline.TotalSeconds:F0} s" : null), version);
    }

    /// <summary>Waits until each expected version has arrived at its client, or the deadline; the latencies (Stopwatch ticks) of those that did.</summary>
    private static async Task<long[]> DeliveredAsync(IReadOnlyList<(RealtimeSubscriber Phone, long Version, long AckedAt)> expected)
    {
        var giveUp = Stopwatch.GetTimestamp() + (long)(DeliveryDeadline.TotalSeconds * Stopwatch.Frequency);
        var waiting = expected.ToList();
        while (waiting.Count > 0 && Stopwatch.GetTimestamp() < giveUp)
        {
            waiting.RemoveAll(e => e.Phone.ArrivalOf(e.Version) is not null);
            await Task.Delay(10);
        }
        return [.. expected.Select(e => e.Phone.ArrivalOf(e.Version) - e.AckedAt).OfType<long>()];
    }

    /// <summary>PUT of a voice section; returns the status, the version written and when the response had arrived.</summary>
    private static async Task<(HttpStatusCode Status, long Version, long At, string Body)> PutVoiceAsync(HttpClient client, string path, object section)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonBody.Create(section) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await client.SendAsync(request);
        var at = Stopwatch.GetTimestamp();
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt64(), at, body)
            : (response.StatusCode, 0, at, body);
    }

    /// <summary>Creates <paramref name="count"/> phones and connects a subscribed client to each: an agent, or every <see cref="ConsoleEvery"/>th a console.</summary>
    private static async Task<List<(Follower Kind, RealtimeSubscriber Subscriber)>> FollowNewPhonesAsync(HttpClient client, string token, string businessId, int count)
    {
        var numbers = new UsNumbers(count);
        var followers = new (Follower, RealtimeSubscriber)[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
        {
            using var response = await client.PostAsync($"api/v2/businesses/{businessId}/phone-numbers",
                JsonBody.Create(new { phoneNumber = numbers.Get(i), displayName = $"Bench {i}", timezone = "America/New_York" }));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new HttpRequestException($"Creating a phone gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            var phoneId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var kind = i % ConsoleEvery == 0 ? Follower.Console : Follower.Agent;
            followers[i] = (kind, await RealtimeSubscriber.ConnectAsync(client, token, businessId, phoneId, kind));
        });
        return [.. followers];
    }
}
