using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>
/// A Cosmos SDK request handler that fails chosen requests before they reach the server, the way a process that
/// stops (or a network that drops) between two writes would leave things.
/// </summary>
public sealed class FaultInjector : RequestHandler
{
    private volatile Func<RequestMessage, bool>? _failWhen;
    private int _failures;

    public int Failures => _failures;

    /// <summary>Fails every request matching <paramref name="failWhen"/> until the returned scope is disposed.</summary>
    public IDisposable Fail(Func<RequestMessage, bool> failWhen)
    {
        _failWhen = failWhen;
        return new Scope(this);
    }

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (_failWhen?.Invoke(request) == true)
        {
            Interlocked.Increment(ref _failures);
            throw new HttpRequestException($"Injected failure: {request.Method} {request.RequestUri}");
        }
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Matches requests with <paramref name="method"/> on items of the named container (creates go to the container itself).</summary>
    public static Func<RequestMessage, bool> Writes(HttpMethod method, string container) => request =>
        request.Method == method
        && (request.RequestUri.OriginalString.EndsWith($"/colls/{container}", StringComparison.Ordinal)
            || request.RequestUri.OriginalString.Contains($"/colls/{container}/docs", StringComparison.Ordinal));

    /// <summary>
    /// Matches replaces of the named container's documents: a PUT, or the transactional batch that replaces a document
    /// with its revision (History/).
    /// </summary>
    public static Func<RequestMessage, bool> Replaces(string container) => request =>
        Writes(HttpMethod.Put, container)(request)
        || (Writes(HttpMethod.Post, container)(request) && request.Headers.TryGetValue("x-ms-cosmos-is-batch-request", out var batch) && batch == "True");

    private sealed class Scope(FaultInjector injector) : IDisposable
    {
        public void Dispose() => injector._failWhen = null;
    }
}

/// <summary>An app whose Cosmos requests can be made to fail and whose clock the test moves.</summary>
public sealed class FaultyApiFactory : ApiFactory
{
    public FaultInjector Faults { get; } = new();

    /// <summary>Starts now and moves a little on every reading, so documents written one after another get distinct times.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<RequestHandler>(Faults);
        services.AddSingleton<TimeProvider>(Clock);
    }
}
