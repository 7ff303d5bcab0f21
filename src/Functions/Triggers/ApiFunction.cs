using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MultiPhone.Functions.Hosting;

namespace MultiPhone.Functions.Triggers;

/// <summary>
/// Under the Functions host, every HTTP request arrives here (route <c>{*route}</c> with an empty route prefix, so
/// paths are unchanged) and goes through the app's own pipeline: authentication, problem details, the route table.
/// The function is anonymous because the app checks bearer tokens itself. The pipeline writes the response; the
/// function returns nothing, which the worker's ASP.NET Core integration accepts. The Durable client binding is how
/// the host hands out a client; it rides along on the request for the endpoints that start or watch orchestrations.
/// </summary>
public sealed class ApiFunction(ApiPipeline pipeline)
{
    public const string Name = "Api";

    [Function(Name)]
    public Task RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", "head", "options", Route = "{*route}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable)
    {
        request.HttpContext.Features.Set(new DurableClientFeature(durable));
        return pipeline.RunAsync(request.HttpContext);
    }
}
