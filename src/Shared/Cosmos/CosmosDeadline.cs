using System.Net;
using Microsoft.Azure.Cosmos;

namespace MultiPhone.Cosmos;

/// <summary>
/// Bounds each Cosmos operation made for an HTTP request by <see cref="CosmosOptions.RequestDeadline"/>, the SDK's
/// retries included. A server that accepts connections but does not answer (stopped, overloaded, a network that drops
/// packets) otherwise holds the request for the SDK's own timeouts and retries, over a minute, while the caller (a
/// voice agent answering a call) has seconds. Past the deadline the operation ends as a 503 response, which the API
/// answers with a 503 problem and Retry-After.
/// <para>
/// Only flows marked with <see cref="ApplyToCurrentFlow"/> (the HTTP pipeline marks every request, and so whatever a
/// request starts, such as a cache read shared with other requests) are bounded. Background work (the change feed
/// listener, Durable activities, start-up) is not: no caller is waiting, and the SDK's own timeouts and retries let
/// it carry on where it was once Cosmos answers again, where a deadline would only turn a pause into failures to
/// retry.
/// </para>
/// </summary>
public static class CosmosDeadline
{
    private static readonly AsyncLocal<bool> Applies = new();

    /// <summary>From here on, Cosmos operations of this flow (and of what it starts) are bounded.</summary>
    public static void ApplyToCurrentFlow() => Applies.Value = true;

    internal sealed class Handler(TimeSpan deadline) : RequestHandler
    {
        public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            if (!Applies.Value)
            {
                return await base.SendAsync(request, cancellationToken);
            }
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(deadline);
            try
            {
                return await base.SendAsync(request, bounded.Token);
            }
            catch (OperationCanceledException) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // As a response, not an exception: stream operations hand it to the caller, typed ones throw it as a
                // CosmosException of the same status, and both mean "unavailable" to the code above.
                return new ResponseMessage(HttpStatusCode.ServiceUnavailable, request,
                    $"Cosmos did not answer {request.Method} {request.RequestUri} within the request deadline ({deadline.TotalSeconds:0.###} s).");
            }
        }
    }
}

/// <summary>Which failures mean Cosmos is busy or out of reach (worth a retry later), as opposed to a bug.</summary>
public static class CosmosUnavailable
{
    public static bool Is(Exception exception) => exception is HttpRequestException
        or CosmosException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout };
}
