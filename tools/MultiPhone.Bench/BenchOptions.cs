using System.Diagnostics.CodeAnalysis;

namespace MultiPhone.Bench;

internal sealed record BenchOptions
{
    public const string DefaultTokensFile = ".local/demo-tokens.txt";

    /// <summary>Each command sets up its own data, runs its scenarios and returns the exit code.</summary>
    public static readonly IReadOnlyDictionary<string, Func<HttpClient, BenchOptions, Task<int>>> Commands =
        new Dictionary<string, Func<HttpClient, BenchOptions, Task<int>>>
        {
            [PhoneNumbersBench.Command] = PhoneNumbersBench.RunAsync,
            [AgentConfigBench.Command] = AgentConfigBench.RunAsync,
            [MigrationBench.Command] = MigrationBench.RunAsync,
            [RealtimeBench.Command] = RealtimeBench.RunAsync,
            [HistoryBench.Command] = HistoryBench.RunAsync,
            [IdleBench.Command] = IdleBench.RunAsync,
            [SchedulesBench.Command] = SchedulesBench.RunAsync,
            [BulkBench.Command] = BulkBench.RunAsync,
            [ConcurrencyBench.Command] = ConcurrencyBench.RunAsync,
        };

    public static string Usage =>
        $"Usage: MultiPhone.Bench <{string.Join('|', Commands.Keys)}> [--url http://localhost:7071] "
        + $"[--token TOKEN | --tokens-file PATH (default {DefaultTokensFile})] [--concurrency 16] [--requests 2000] "
        + "[--warmup 200 (phone-numbers: requests; realtime: writes)] [--phones (agent-config, concurrency: 20, schedules: 200, bulk: 1000)] [--rounds 7 (agent-config, history; at least 5)] "
        + "[--seconds 5 (agent-config, history: per variant and round; concurrency: per level)] "
        + "[--clients 50] [--writes 500 | --minutes M] [--rate 25 (writes per second)] (realtime) [--app-pid PID] (realtime, migration) "
        + "[--businesses 10000 --seed 1 (migration)] [--cosmos https://127.0.0.1:8081 (agent-config, idle, bulk, migration: the Cosmos server counted) --idle 60 (idle: seconds counted)] "
        + "[--changes 500 --lead 90 (schedules: changes, seconds ahead)]";

    public required string Command { get; init; }

    public Uri Url { get; init; } = new("http://localhost:7071");

    public string? Token { get; init; }

    public string? TokensFile { get; init; }

    public int Concurrency { get; init; } = 16;

    /// <summary>Connections the client may open: one per request in flight, up to the concurrency sweep's highest level.</summary>
    public int Connections => Command == ConcurrencyBench.Command ? Math.Max(Concurrency, ConcurrencyBench.Levels[^1]) : Concurrency;

    public int Requests { get; init; } = 2000;

    /// <summary>Unmeasured requests first (phone-numbers), or unmeasured writes (realtime).</summary>
    public int Warmup { get; init; } = 200;

    /// <summary>Alternating measured rounds of agent-config; each gives one ratio, and the median is the result.</summary>
    public int Rounds { get; init; } = 7;

    public const int MinRounds = 5;

    /// <summary>Realtime: phones of one business, each followed by one subscribed client (agents and consoles), written to in turn.</summary>
    public int Clients { get; init; } = 50;

    /// <summary>Realtime: settings writes spread over the <see cref="Clients"/> phones, unless <see cref="Minutes"/> says how long to write.</summary>
    public int Writes { get; init; } = 500;

    /// <summary>Realtime: write for this many minutes at <see cref="Rate"/> (a soak) instead of <see cref="Writes"/> writes.</summary>
    public int? Minutes { get; init; }

    /// <summary>Realtime: writes started per second, whether or not earlier ones have answered.</summary>
    public int Rate { get; init; } = 25;

    /// <summary>
    /// The app's process (bench.sh passes it). Realtime: its resident memory is sampled during the writes. Migration:
    /// each phase waits until its CPU is quiet, and the raw writes report what it used meanwhile.
    /// </summary>
    public int? AppPid { get; init; }

    /// <summary>How long each endpoint is measured in each round of agent-config: long enough to span several cache refreshes.</summary>
    public int Seconds { get; init; } = 5;

    /// <summary>
    /// How many phones agent-config spreads its calls over (each is read from Cosmos about once a second; default 20),
    /// or schedules spreads its changes over (default 200), or bulk edits (default 1,000).
    /// </summary>
    public int? Phones { get; init; }

    /// <summary>Schedules: scheduled changes due in the same minute.</summary>
    public int Changes { get; init; } = 500;

    /// <summary>Schedules: at least how many seconds after the changes are scheduled they fall due.</summary>
    public int Lead { get; init; } = 90;

    /// <summary>How many legacy businesses the migration benchmark seeds and migrates.</summary>
    public int Businesses { get; init; } = 10_000;

    /// <summary>The legacy data's seed (the same seed, the same businesses).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Agent-config, idle, bulk and migration: the local Cosmos server the app uses, whose request counts are read.</summary>
    public Uri Cosmos { get; init; } = new("https://127.0.0.1:8081");

    /// <summary>Idle: how long the requests are counted.</summary>
    public int IdleSeconds { get; init; } = 60;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BenchOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        if (args is not [var command, .. var rest] || !Commands.ContainsKey(command))
        {
            error = $"Name a command: {string.Join(", ", Commands.Keys)}.";
            return false;
        }
        var parsed = new BenchOptions { Command = command };
        for (var i = 0; i < rest.Length; i += 2)
        {
            if (i + 1 >= rest.Length || rest[i + 1].Length == 0)
            {
                error = $"{rest[i]} needs a value.";
                return false;
            }
            var (name, value) = (rest[i], rest[i + 1]);
            if (!TryApply(parsed, name, value, out parsed, out error))
            {
                return false;
            }
        }
        if (parsed.Token is not null && parsed.TokensFile is not null)
        {
            error = "Give either --token or --tokens-file, not both.";
            return false;
        }
        options = parsed;
        error = null;
        return true;
    }

    private static bool TryApply(BenchOptions current, string name, string value, out BenchOptions next, [NotNullWhen(false)] out string? error)
    {
        next = current;
        error = null;
        switch (name)
        {
            case "--url" when Uri.TryCreate(value, UriKind.Absolute, out var url):
                next = current with { Url = url };
                return true;
            case "--cosmos" when Uri.TryCreate(value, UriKind.Absolute, out var cosmos):
                next = current with { Cosmos = cosmos };
                return true;
            case "--url" or "--cosmos":
                error = $"{name}: '{value}' is not an absolute URL.";
                return false;
            case "--token":
                next = current with { Token = value };
                return true;
            case "--tokens-file":
                next = current with { TokensFile = value };
                return true;
            case "--concurrency" or "--requests" or "--warmup" or "--phones" or "--businesses" or "--seed"
                or "--rounds" or "--seconds" or "--clients" or "--writes" or "--minutes" or "--rate" or "--app-pid" or "--idle" or "--changes" or "--lead":
                return TryCount(current, name, value, out next, out error);
            default:
                error = $"Unknown option {name}.";
                return false;
        }
    }

    private static bool TryCount(BenchOptions current, string name, string value, out BenchOptions next, [NotNullWhen(false)] out string? error)
    {
        next = current;
        var minimum = name switch { "--warmup" => 0, "--rounds" => MinRounds, _ => 1 };
        if (!int.TryParse(value, out var count) || count < minimum)
        {
            error = $"{name}: '{value}' is not a whole number of at least {minimum}.";
            return false;
        }
        next = name switch
        {
            "--concurrency" => current with { Concurrency = count },
            "--requests" => current with { Requests = count },
            "--phones" => current with { Phones = count },
            "--businesses" => current with { Businesses = count },
            "--seed" => current with { Seed = count },
            "--rounds" => current with { Rounds = count },
            "--seconds" => current with { Seconds = count },
            "--clients" => current with { Clients = count },
            "--writes" => current with { Writes = count },
            "--rate" => current with { Rate = count },
            "--minutes" => current with { Minutes = count },
            "--app-pid" => current with { AppPid = count },
            "--idle" => current with { IdleSeconds = count },
            "--changes" => current with { Changes = count },
            "--lead" => current with { Lead = count },
            _ => current with { Warmup = count },
        };
        error = null;
        return true;
    }
}
