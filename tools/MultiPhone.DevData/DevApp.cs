using MultiPhone.Functions.Hosting;

namespace MultiPhone.DevData;

/// <summary>
/// The standalone app as scripts/run.sh and the browser tests run it: the same app, plus the demo business seeded at
/// start (<see cref="DemoData"/>, when <c>Demo:Seed</c> is on) and the <c>seed-legacy</c> command. Development only:
/// the Functions package does not contain this assembly.
/// </summary>
public static class DevApp
{
    public static async Task<int> Main(string[] args)
    {
        var app = StandaloneApp.Build(args, builder => builder.Services.AddHostedService<DemoData>());
        if (args is [SeedLegacyCommand.Name, .. var seedArgs])
        {
            return await SeedLegacyCommand.RunAsync(seedArgs, ActivatorUtilities.CreateInstance<LegacyDataSeeder>(app.Services), Console.Out, Console.Error);
        }
        await app.ServeAsync();
        return 0;
    }
}
