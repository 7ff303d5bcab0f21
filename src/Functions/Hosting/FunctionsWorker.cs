using Microsoft.Azure.Functions.Worker.Builder;
using MultiPhone.Realtime.SignalRService;

namespace MultiPhone.Functions.Hosting;

/// <summary>The app as the Azure Functions host runs it: an isolated worker with ASP.NET Core integration.</summary>
public static class FunctionsWorker
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var worker = FunctionsApplication.CreateBuilder(args);
        worker.ConfigureFunctionsWebApplication();
        worker.AddMultiPhone();
        worker.Services.AddSingleton<ApiPipeline>();
        worker.Services.AddOptions<SignalRServiceOptions>().Validate(signalR => signalR.Configured,
            "Under the Functions host realtime needs Azure SignalR Service: set SignalR__Endpoint (or SignalR__ConnectionString). "
            + "The app's own hub serves only the standalone app.");
        return worker;
    }
}

/// <summary>Tells whether the Azure Functions host started this process as its worker.</summary>
public static class FunctionsHost
{
    /// <summary>
    /// The host passes the address of its gRPC endpoint as <c>--functions-uri</c> (which the worker maps to
    /// <c>Functions:Worker:HostEndpoint</c>; it may also come from the environment). Without it the worker cannot
    /// start at all, so its presence is exactly "a host is there".
    /// </summary>
    public static bool IsStartingUs(string[] args) =>
        args.Contains("--functions-uri", StringComparer.Ordinal)
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));
}
