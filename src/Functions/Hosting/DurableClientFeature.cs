using Microsoft.DurableTask.Client;

namespace MultiPhone.Functions.Hosting;

/// <summary>
/// The Durable client of one request. Under the Functions host a client comes only from a <c>[DurableClient]</c>
/// binding, so the Api function (Triggers/ApiFunction.cs) puts its binding's client on each request; standalone, the
/// app's own client is in DI. Endpoints ask <see cref="DurableClientAccess.DurableClient"/> and never care which.
/// </summary>
public sealed record DurableClientFeature(DurableTaskClient Client);

public static class DurableClientAccess
{
    public static DurableTaskClient DurableClient(this HttpContext context) =>
        context.Features.Get<DurableClientFeature>()?.Client ?? context.RequestServices.GetRequiredService<DurableTaskClient>();
}
