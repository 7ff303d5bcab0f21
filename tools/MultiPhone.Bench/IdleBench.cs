using System.Globalization;

namespace MultiPhone.Bench;

/// <summary>
/// What the app costs Cosmos while nothing changes (issue 20: at most 20 requests per second per instance): reads the
/// local Cosmos server's count of the requests it served (tools/emulators/cosmos-server.js), waits <c>--idle</c>
/// seconds without calling the API, reads it again, and prints the requests per second, by kind. The app is the one
/// instance using that server, so every request counted is its own.
/// </summary>
internal static class IdleBench
{
    public const string Command = "idle";

    /// <summary>Lets the app finish starting (its change feed processors take their leases) before counting.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        using var cosmos = new CosmosCounts(options.Cosmos);
        Console.WriteLine($"# idle: no API calls; Cosmos requests counted at {options.Cosmos} over {options.IdleSeconds} s, after {Settle.TotalSeconds:F0} s to settle");
        await Task.Delay(Settle);
        var before = await cosmos.ReadAsync();
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
        var perKind = CosmosCounts.Between(before, await cosmos.ReadAsync());
        var total = perKind.Sum(k => k.Count);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-52} {1,8} {2,8}", "requests while idle", "count", "req/s"));
        foreach (var (kind, count) in perKind)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-52} {1,8} {2,8:F2}", kind, count, (double)count / options.IdleSeconds));
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-52} {1,8} {2,8:F2}", "total", total, (double)total / options.IdleSeconds));
        return ExitCodes.Ok;
    }
}
