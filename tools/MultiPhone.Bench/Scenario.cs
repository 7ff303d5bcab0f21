using System.Net;

namespace MultiPhone.Bench;

/// <summary>
/// One kind of request to measure. <paramref name="CreateRequest"/> gets a sequence number unique within the run
/// (warm-up first, then the measured requests), so a scenario can make every request distinct or spread them over data.
/// <paramref name="OnExpected"/> sees each response that had <paramref name="Expected"/>, outside the timed span.
/// </summary>
internal sealed record Scenario(
    string Name,
    Func<int, HttpRequestMessage> CreateRequest,
    HttpStatusCode Expected,
    Func<HttpResponseMessage, Task>? OnExpected = null);

/// <summary>What one batch of requests produced; latencies are in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
internal sealed record Measurement(
    string Scenario,
    int Concurrency,
    long[] Latencies,
    TimeSpan Duration,
    int Unexpected,
    string? FirstUnexpected);
