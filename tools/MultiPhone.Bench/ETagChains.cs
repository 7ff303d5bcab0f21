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
    /// <summary>PUTs for <paramref name="duration"/>; writes under way then are waited for and counted.</summary>
    public static Task<Measurement> WriteForAsync(
        HttpClient client, string name, IReadOnlyList<ETagChain> chains, Func<ETagChain, int, (string Path, object Body)> write, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return ScenarioRunner.MeasureAsync(client, name, Workers(name, chains, write), firstSequence: 0, (_, now) => now < until);
    }

    /// <summary>PUTs numbered 0 to <paramref name="count"/> - 1, each by whichever chain's worker is free.</summary>
    public static Task<Measurement> WriteCountAsync(
        HttpClient client, string name, IReadOnlyList<ETagChain> chains, Func<ETagChain, int, (string Path, object Body)> write, int count) =>
        ScenarioRunner.MeasureAsync(client, name, Workers(name, chains, write), firstSequence: 0, (sequence, _) => sequence < count);

    /// <summary>A scenario per chain: a PUT of write number <c>sequence</c> under the chain's ETag, which its answer renews.</summary>
    private static List<Scenario> Workers(string name, IReadOnlyList<ETagChain> chains, Func<ETagChain, int, (string Path, object Body)> write) =>
        [.. chains.Select(chain => new Scenario(name,
            sequence =>
            {
                var (path, body) = write(chain, sequence);
                var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonBody.Create(body) };
                request.Headers.TryAddWithoutValidation("If-Match", chain.ETag);
                return request;
            },
            HttpStatusCode.OK,
            response =>
            {
                chain.ETag = response.Headers.ETag?.Tag ?? chain.ETag;
                return Task.CompletedTask;
            }))];
}
