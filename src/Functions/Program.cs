using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Demo;
using MultiPhone.Functions.Hosting;
using MultiPhone.Migration;

if (FunctionsHost.IsStartingUs(args))
{
    // Under the Azure Functions host: an isolated worker. Every HTTP request reaches the Api function
    // (Functions/ApiFunction.cs), which runs it through the same pipeline as the standalone app.
    FunctionsWorker.CreateBuilder(args).Build().Run();
    return 0;
}

// Standalone (locally, in tests, in a container): the same features on Kestrel at http://localhost:7071.
var builder = WebApplication.CreateBuilder(args);
builder.AddStandaloneHosting(args);
builder.AddMultiPhone();
builder.AddLocalDurableTask();
var app = builder.Build();
if (args is [TokenCommand.Name, .. var tokenArgs])
{
    return TokenCommand.Run(tokenArgs, app.Services.GetRequiredService<TokenIssuer>(), Console.Out, Console.Error);
}
if (args is [SeedLegacyCommand.Name, .. var seedArgs])
{
    return await SeedLegacyCommand.RunAsync(seedArgs, app.Services.GetRequiredService<LegacyDataSeeder>(), Console.Out, Console.Error);
}
app.UseApi();
app.MapConsole();
app.Run();
return 0;

public partial class Program;
