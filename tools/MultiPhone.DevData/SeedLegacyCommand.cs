using System.Diagnostics;
using System.Globalization;
using MultiPhone.Migration;

namespace MultiPhone.DevData;

/// <summary>
/// <c>scripts/seed-legacy.sh N [--seed S] [--first F]</c>: writes N generated legacy businesses (LegacyDataGenerator)
/// into the Cosmos database the app is configured for, as the pre-multi-phone app left them. The same seed gives the
/// same businesses. The app creates the containers when it starts, so run it while the app runs (or has run).
/// </summary>
public static class SeedLegacyCommand
{
    public const string Name = "seed-legacy";

    private const string Usage = "usage: seed-legacy --businesses N [--seed S (default 1)] [--first F (default 0)]";

    public static async Task<int> RunAsync(string[] args, LegacyDataSeeder seeder, TextWriter output, TextWriter error)
    {
        int? count = null;
        var seed = 1;
        var first = 0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                count = null;
                break;
            }
            switch (args[i])
            {
                case "--businesses":
                    count = value;
                    break;
                case "--seed":
                    seed = value;
                    break;
                case "--first":
                    first = value;
                    break;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        if (count is not > 0 || args.Length % 2 != 0)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var kinds = await seeder.SeedAsync(seed, first, count.Value, concurrency: 32, CancellationToken.None);
        await output.WriteLineAsync(FormattableString.Invariant(
            $"Seeded {count} legacy businesses (seed {seed}, from {first}) in {clock.Elapsed.TotalSeconds:F1} s: ")
            + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Value} {k.Key}")));
        return 0;
    }
}
