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
        };

    public static string Usage =>
        $"Usage: MultiPhone.Bench <{string.Join('|', Commands.Keys)}> [--url http://localhost:7071] "
        + $"[--token TOKEN | --tokens-file PATH (default {DefaultTokensFile})] [--concurrency 16] [--requests 2000] [--warmup 200] "
        + "[--phones 20 (agent-config)] [--businesses 10000 --seed 1 (migration)]";

    public required string Command { get; init; }

    public Uri Url { get; init; } = new("http://localhost:7071");

    public string? Token { get; init; }

    public string? TokensFile { get; init; }

    public int Concurrency { get; init; } = 16;

    public int Requests { get; init; } = 2000;

    public int Warmup { get; init; } = 200;

    /// <summary>How many phones agent-config spreads its calls over; each is read from Cosmos about once a second.</summary>
    public int Phones { get; init; } = 20;

    /// <summary>How many legacy businesses the migration benchmark seeds and migrates.</summary>
    public int Businesses { get; init; } = 10_000;

    /// <summary>The legacy data's seed (the same seed, the same businesses).</summary>
    public int Seed { get; init; } = 1;

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
            case "--url":
                error = $"--url: '{value}' is not an absolute URL.";
                return false;
            case "--token":
                next = current with { Token = value };
                return true;
            case "--tokens-file":
                next = current with { TokensFile = value };
                return true;
            case "--concurrency" or "--requests" or "--warmup" or "--phones" or "--businesses" or "--seed":
                return TryCount(current, name, value, out next, out error);
            default:
                error = $"Unknown option {name}.";
                return false;
        }
    }

    private static bool TryCount(BenchOptions current, string name, string value, out BenchOptions next, [NotNullWhen(false)] out string? error)
    {
        next = current;
        var minimum = name == "--warmup" ? 0 : 1;
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
            _ => current with { Warmup = count },
        };
        error = null;
        return true;
    }
}
