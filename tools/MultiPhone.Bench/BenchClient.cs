using System.Net.Http.Headers;

namespace MultiPhone.Bench;

internal static class BenchClient
{
    /// <summary>
    /// One client shared by all workers, with a connection per worker kept alive for the whole run, so the numbers
    /// measure the API and not connection setup.
    /// </summary>
    public static HttpClient Create(BenchOptions options, string token)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = TimeSpan.FromHours(1),
        };
        var client = new HttpClient(handler) { BaseAddress = options.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
