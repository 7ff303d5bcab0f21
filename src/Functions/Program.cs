using MultiPhone.Functions.Hosting;

if (FunctionsHost.IsStartingUs(args))
{
    // Under the Azure Functions host: an isolated worker. Every HTTP request reaches the Api function
    // (Triggers/ApiFunction.cs), which runs it through the same pipeline as the standalone app.
    FunctionsWorker.CreateBuilder(args).Build().Run();
    return 0;
}

// Standalone (locally, in tests, in a container): the same features on Kestrel at http://localhost:7071.
var app = StandaloneApp.Build(args);
if (args is [TokenCommand.Name, .. var tokenArgs])
{
    return TokenCommand.Run(tokenArgs, app.Services.GetRequiredService<TokenIssuer>(), Console.Out, Console.Error);
}
await app.ServeAsync();
return 0;

public partial class Program;
