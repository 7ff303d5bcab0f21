using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MultiPhone.Bench;

/// <summary>
/// How punctually scheduled changes apply (issue 18's goal: p99 under 2 s): <c>--changes</c> changes due in the same
/// UTC minute over <c>--phones</c> phones in six time zones (<see cref="SchedulePlan"/>), each phone followed by one
/// real SignalR client on <c>phone:{p}:voice</c>. Two latencies per application (a phone a change reaches):
/// <list type="bullet">
/// <item>due → applied: the application's <c>appliedAt</c> minus its <c>dueAt</c>, both as the API reports them (the
/// revision's time, so the write is done then).</item>
/// <item>due → message: from <c>dueAt</c> to the arrival, at the phone's client, of the first voice message whose
/// effective section carries the change's value.</item>
/// </list>
/// The app, this process and its clients share the machine and its clock. A warm-up round first (a few phones' greetings
/// and one default change, ten seconds ahead), since the app's code starts unoptimised.
/// </summary>
internal static class SchedulesBench
{
    public const string Command = "schedules";
    private const int DefaultPhones = 200;
    private const int SetupParallelism = 8;
    private const int WarmupPhones = 20;
    private const double GoalMs = 2000;
    private static readonly TimeSpan WarmupLead = TimeSpan.FromSeconds(10);
    /// <summary>How long after the minute's end the run waits for the last application and message.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var phones = options.Phones ?? DefaultPhones;
        if (options.Changes > SchedulePlan.MaxChanges(phones))
        {
            Console.Error.WriteLine($"--changes: at most {SchedulePlan.MaxChanges(phones)} with {phones} phones (3 per phone and 5 of the defaults).");
            return ExitCodes.Usage;
        }
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var businessId = $"bench-{Guid.NewGuid():N}";
        if (!await PhoneNumbersBench.CreateBusinessAsync(client, businessId, phones))
        {
            return ExitCodes.UnexpectedStatus;
        }
        var subscribers = await FollowNewPhonesAsync(client, token, businessId, phones);
        try
        {
            var ok = await WarmUpAsync(client, businessId, subscribers);
            var minute = NextMinute(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.Lead));
            var planned = SchedulePlan.Plan([.. subscribers.Select(s => s.PhoneId)], options.Changes, minute);
            Console.WriteLine(FormattableString.Invariant(
                $"# {planned.Count} changes ({planned.Count(p => p.PhoneId is null)} of the voice defaults) due in the minute from {minute:HH:mm:ss}Z over {phones} phones in {SchedulePlan.Zones.Length} zones ({string.Join(", ", SchedulePlan.Zones)}), a client on each phone's voice channel; load average {LoadAverage()}"));
            var scheduled = await ScheduleAsync(client, businessId, planned);
            if (scheduled.Count < planned.Count || DateTimeOffset.UtcNow >= minute)
            {
                Console.Error.WriteLine($"Scheduled {scheduled.Count} of {planned.Count} changes, the last at {DateTimeOffset.UtcNow:HH:mm:ss}Z for {minute:HH:mm:ss}Z: give a longer --lead.");
                return ExitCodes.UnexpectedStatus;
            }
            // Every local time was written to fall in the minute in its zone: the API must have read it so.
            var outside = scheduled.SelectMany(c => c.Applications).Count(a => a.DueAt < minute || a.DueAt >= minute.AddMinutes(1));
            if (outside > 0)
            {
                Console.Error.WriteLine($"{outside} applications are not due in the minute from {minute:HH:mm:ss}Z.");
                ok = false;
            }
            var giveUp = minute + TimeSpan.FromMinutes(1) + Deadline;
            Console.WriteLine($"# scheduled by {DateTimeOffset.UtcNow:HH:mm:ss}Z; waiting until every client has its changes or {giveUp:HH:mm:ss}Z");
            await WaitForMessagesAsync(scheduled, subscribers, giveUp);
            var loadAfter = LoadAverage();
            var resolved = await ResolvedAsync(client, businessId, giveUp);
            ok &= Print(scheduled, resolved, subscribers, loadAfter);
            await PrintWritesAsync(client, businessId, scheduled);
            return ok ? ExitCodes.Ok : ExitCodes.UnexpectedStatus;
        }
        finally
        {
            await Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    /// <summary>A change scheduled: what was asked, and the applications the API answered (phone and due instant).</summary>
    private sealed record Scheduled(PlannedChange Planned, string Id, IReadOnlyList<(string PhoneId, DateTimeOffset DueAt)> Applications);

    private static async Task<bool> WarmUpAsync(HttpClient client, string businessId, IReadOnlyList<RealtimeSubscriber> phones)
    {
        var at = new { instant = (DateTimeOffset.UtcNow + WarmupLead).ToString("O", CultureInfo.InvariantCulture) };
        var warmup = phones.Take(WarmupPhones)
            .Select(p => new PlannedChange("warm-up", p.PhoneId, "greeting", JsonSerializer.SerializeToElement($"Warm-up for {p.PhoneId}"), at))
            .Append(new PlannedChange("warm-up", null, "voiceId", JsonSerializer.SerializeToElement("en-US-BenchWarmupNeural"), at))
            .ToList();
        var scheduled = await ScheduleAsync(client, businessId, warmup);
        var resolved = await ResolvedAsync(client, businessId, DateTimeOffset.UtcNow + WarmupLead + Deadline);
        var applied = resolved.Values.Count(c => c.GetProperty("status").GetString() == "applied");
        Console.WriteLine($"# warm-up, not measured: {warmup.Count} changes, {applied} applied");
        return scheduled.Count == warmup.Count && applied == warmup.Count;
    }

    private static async Task<List<Scheduled>> ScheduleAsync(HttpClient client, string businessId, IReadOnlyList<PlannedChange> planned)
    {
        var scheduled = new Scheduled?[planned.Count];
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, planned.Count), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
        {
            var change = planned[i];
            var path = change.PhoneId is null
                ? $"api/v2/businesses/{businessId}/scheduled-changes"
                : $"api/v2/businesses/{businessId}/phone-numbers/{change.PhoneId}/scheduled-changes";
            using var response = await client.PostAsync(path, JsonBody.Create(change.Body));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                if (Interlocked.Increment(ref failures) == 1)
                {
                    Console.Error.WriteLine($"Scheduling gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                return;
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            scheduled[i] = new Scheduled(change, body.GetProperty("id").GetString()!, [.. Applications(body).Select(a => (a.PhoneId, a.DueAt))]);
        });
        return [.. scheduled.OfType<Scheduled>()];
    }

    /// <summary>Waits until every application's value has reached its phone's client, or <paramref name="giveUp"/>.</summary>
    private static async Task WaitForMessagesAsync(IReadOnlyList<Scheduled> scheduled, IReadOnlyList<RealtimeSubscriber> phones, DateTimeOffset giveUp)
    {
        var byPhone = phones.ToDictionary(p => p.PhoneId);
        var expected = scheduled.SelectMany(s => s.Applications.Select(a => (Phone: byPhone[a.PhoneId], s.Planned))).ToList();
        while (DateTimeOffset.UtcNow < giveUp)
        {
            expected.RemoveAll(e => e.Phone.ArrivalOf(e.Planned.Field, e.Planned.Value) is not null);
            if (expected.Count == 0)
            {
                return;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Every change of the business by id, once none is pending any more (or at <paramref name="giveUp"/>).</summary>
    private static async Task<Dictionary<string, JsonElement>> ResolvedAsync(HttpClient client, string businessId, DateTimeOffset giveUp)
    {
        var path = $"api/v2/businesses/{businessId}/scheduled-changes";
        while (DateTimeOffset.UtcNow < giveUp && (await client.GetFromJsonAsync<JsonElement>($"{path}?status=pending")).GetProperty("items").GetArrayLength() > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var all = await client.GetFromJsonAsync<JsonElement>(path);
        return all.GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
    }

    /// <summary>Prints a row per group and the totals; whether every application applied and reached its client.</summary>
    private static bool Print(IReadOnlyList<Scheduled> scheduled, Dictionary<string, JsonElement> resolved, IReadOnlyList<RealtimeSubscriber> phones, string loadAfter)
    {
        var byPhone = phones.ToDictionary(p => p.PhoneId);
        var rows = scheduled.SelectMany(s => Applications(resolved[s.Id]).Select(a => (
            s.Planned.Group,
            a.Status,
            a.LateByMs,
            a.DueAt,
            a.AppliedAt,
            Applied: a.AppliedAt - a.DueAt,
            Message: byPhone[a.PhoneId].ArrivalOf(s.Planned.Field, s.Planned.Value) - a.DueAt))).ToList();
        const string format = "{0,-32} {1,8} {2,8} {3,8}   {4,8:F0} {5,8:F0} {6,8:F0}   {7,8:F0} {8,8:F0} {9,8:F0}";
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, format, "changes", "expected", "applied", "messages",
            "p50 ms", "p99 ms", "max ms", "p50 ms", "p99 ms", "max ms"));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-59}   {1,-26}   {2}", "", "due → applied (API)", "due → message at the client"));
        foreach (var group in rows.GroupBy(r => r.Group).Append(rows.GroupBy(_ => "all").Single()))
        {
            var applied = Ms(group.Select(r => r.Applied));
            var messages = Ms(group.Select(r => r.Message));
            var changes = group.Key == "all" ? scheduled.Count : scheduled.Count(s => s.Planned.Group == group.Key);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, format, $"{group.Key} ({changes})", group.Count(),
                applied.Length, messages.Length, P(applied, 50), P(applied, 99), P(applied, 100), P(messages, 50), P(messages, 99), P(messages, 100)));
        }
        var (appliedAll, messagesAll) = (Ms(rows.Select(r => r.Applied)), Ms(rows.Select(r => r.Message)));
        var others = rows.Where(r => r.Status != "applied").GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}").ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"# {scheduled.Count} changes, {rows.Count} applications: {appliedAll.Length} applied{(others.Count > 0 ? ", " + string.Join(", ", others) : "")}; {messagesAll.Length} messages arrived; max lateByMs {rows.Max(r => r.LateByMs ?? 0)}; load average once they had arrived {loadAfter}"));
        // Applied before its time: the API's lateByMs says 0 then, appliedAt − dueAt how early.
        if (appliedAll.Length > 0 && appliedAll[0] < 0)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"# {appliedAll.Count(ms => ms < 0)} applications applied BEFORE their due instant, the earliest {-appliedAll[0]:F0} ms before"));
        }
        if (rows.Max(r => r.AppliedAt) is { } last)
        {
            Console.WriteLine(FormattableString.Invariant($"# the last application {(last - rows.Min(r => r.DueAt)).TotalSeconds:F1} s after the minute's start"));
        }
        var met = appliedAll.Length == rows.Count && messagesAll.Length == rows.Count && P(appliedAll, 99) < GoalMs && P(messagesAll, 99) < GoalMs;
        Console.WriteLine(FormattableString.Invariant(
            $"# due → applied p50 {P(appliedAll, 50):F0} ms, p99 {P(appliedAll, 99):F0} ms; due → message p50 {P(messagesAll, 50):F0} ms, p99 {P(messagesAll, 99):F0} ms (goal: every one applied and delivered, p99 < {GoalMs:F0} ms): {(met ? "met" : "NOT met")}"));
        return appliedAll.Length == rows.Count && messagesAll.Length == rows.Count;
    }

    /// <summary>
    /// Where the time went, from each write's revision (the business's history, read page by page): its
    /// <c>scheduled.lateByMs</c> is due → the write starting (the timer, the orchestration, the activity and its reads),
    /// the rest of its lateness the write itself (the section and its revision in one batch).
    /// </summary>
    private static async Task PrintWritesAsync(HttpClient client, string businessId, IReadOnlyList<Scheduled> scheduled)
    {
        var ids = scheduled.Select(s => s.Id).ToHashSet();
        var (started, writing) = (new List<TimeSpan?>(), new List<TimeSpan?>());
        string? continuation = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"api/v2/businesses/{businessId}/history?pageSize=200{(continuation is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuation)}")}");
            foreach (var entry in page.GetProperty("items").EnumerateArray())
            {
                if (entry.TryGetProperty("scheduled", out var stamp) && stamp.ValueKind == JsonValueKind.Object && ids.Contains(stamp.GetProperty("changeId").GetString()!))
                {
                    var start = TimeSpan.FromMilliseconds(stamp.GetProperty("lateByMs").GetInt64());
                    started.Add(start);
                    writing.Add(entry.GetProperty("at").GetDateTimeOffset() - stamp.GetProperty("dueAt").GetDateTimeOffset() - start);
                }
            }
            continuation = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        var (before, during) = (Ms(started), Ms(writing));
        Console.WriteLine(FormattableString.Invariant(
            $"# {before.Length} writes (their revisions): due → write started p50 {P(before, 50):F0} ms, p99 {P(before, 99):F0} ms; the write p50 {P(during, 50):F0} ms, p99 {P(during, 99):F0} ms"));
    }

    private static IEnumerable<(string PhoneId, DateTimeOffset DueAt, string Status, DateTimeOffset? AppliedAt, long? LateByMs)> Applications(JsonElement change) =>
        change.GetProperty("applications").EnumerateArray().Select(a => (
            a.GetProperty("phoneId").GetString()!,
            a.GetProperty("dueAt").GetDateTimeOffset(),
            a.GetProperty("status").GetString()!,
            a.TryGetProperty("appliedAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : (DateTimeOffset?)null,
            a.TryGetProperty("lateByMs", out var late) && late.ValueKind == JsonValueKind.Number ? late.GetInt64() : (long?)null));

    private static double[] Ms(IEnumerable<TimeSpan?> latencies) => [.. latencies.OfType<TimeSpan>().Select(t => t.TotalMilliseconds).Order()];

    /// <summary>Nearest rank, as <see cref="Report"/>; NaN when there is nothing to rank.</summary>
    private static double P(double[] sorted, int p) => sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];

    private static DateTimeOffset NextMinute(DateTimeOffset at) =>
        new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Creates the phones, zone after zone in turn, and connects a client subscribed to each one's voice channel.</summary>
    private static async Task<List<RealtimeSubscriber>> FollowNewPhonesAsync(HttpClient client, string token, string businessId, int count)
    {
        var numbers = new UsNumbers(count);
        var subscribers = new RealtimeSubscriber[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
        {
            using var response = await client.PostAsync($"api/v2/businesses/{businessId}/phone-numbers",
                JsonBody.Create(new { phoneNumber = numbers.Get(i), displayName = $"Bench {i}", timezone = SchedulePlan.ZoneOf(i) }));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new HttpRequestException($"Creating a phone gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            var phoneId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            subscribers[i] = await RealtimeSubscriber.ConnectAsync(client, token, businessId, phoneId);
        });
        return [.. subscribers];
    }
}
