using System.Diagnostics;
using System.Net;

namespace MultiPhone.Bench;

/// <summary>
/// A resource written under If-Match, each write with the ETag the previous one answered. One worker writes it at a
/// time, so writes of different chains never race and none is refused as stale.
/// </summary>
internal sealed class ETagChain(string path)
{
    public string Path { get; } = path;

    /// <summary>"v0" names a section never written.</summary>
    public string ETag { get; set; } = "\"v0\"";
}

/// <summary>Closed-loop writes with one worker per chain, each sending its next PUT as soon as the previous one answered.</summary>
internal static class ETagChains
{
    private const int MaxDiagnosisChars = 500;

    /// <summary>PUTs for <paramref name="duration"/>; writes under way then are waited for and counted.</summary>
    public static Task<Measurement> WriteForAsync(
        HttpClient client, string name, IReadOnlyList<ETagChain> chains, Func<ETagChain, int, (string Path, object Body)> write, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return WriteAsync(client, name, chains, write, (_, now) => now < until);
    }

    /// <summary>PUTs numbered 0 to <paramref name="count"/> - 1, each by whichever chain's worker is free.</summary>
    public static Task<Measurement> WriteCountAsync(
        HttpClient client, string name, IReadOnlyList<ETagChain> chains, Func<ETagChain, int, (string Path, object Body)> write, int count) =>
        WriteAsync(client, name, chains, write, (sequence, _) => sequence < count);

    /// <param name="write">The path and body of write number <c>sequence</c> of a chain.</param>
    /// <param name="more">Whether to send write number <c>sequence</c> at timestamp <c>now</c>.</param>
    private static async Task<Measurement> WriteAsync(
        HttpClient client, string name, IReadOnlyList<ETagChain> chains, Func<ETagChain, int, (string Path, object Body)> write, Func<int, long, bool> more)
    {
        var next = -1;
        var unexpected = 0;
        string? firstUnexpected = null;

        async Task<List<long>> WorkerAsync(ETagChain chain)
        {
            var latencies = new List<long>();
            for (var sequence = Interlocked.Increment(ref next); more(sequence, Stopwatch.GetTimestamp()); sequence = Interlocked.Increment(ref next))
            {
                var (path, body) = write(chain, sequence);
                using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonBody.Create(body) };
                request.Headers.TryAddWithoutValidation("If-Match", chain.ETag);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    if (response.StatusCode == HttpStatusCode.OK && response.Headers.ETag is { } etag)
                    {
                        chain.ETag = etag.Tag;
                        continue;
                    }
                    if (Interlocked.Increment(ref unexpected) == 1)
                    {
                        firstUnexpected = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A refused or timed-out request under load is a result to report, not a reason to stop the run.
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    if (Interlocked.Increment(ref unexpected) == 1)
                    {
                        firstUnexpected = $"{e.GetType().Name}: {e.Message}";
                    }
                }
            }
            return latencies;
        }

        var started = Stopwatch.GetTimestamp();
        var perWorker = await Task.WhenAll(chains.Select(chain => Task.Run(() => WorkerAsync(chain))));
        var duration = Stopwatch.GetElapsedTime(started);
        return new Measurement(name, chains.Count, [.. perWorker.SelectMany(l => l)], duration, unexpected,
            firstUnexpected is { Length: > MaxDiagnosisChars } ? firstUnexpected[..MaxDiagnosisChars] + "..." : firstUnexpected);
    }
}
