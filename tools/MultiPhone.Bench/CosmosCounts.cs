using System.Net.Http.Json;

namespace MultiPhone.Bench;

/// <summary>
/// The local Cosmos server's count of the requests it served, by kind (tools/emulators/cosmos-server.js answers them at
/// <c>/_emulator/requests</c>). The app is the one client of that server, so what is counted is its own.
/// </summary>
internal sealed class CosmosCounts : IDisposable
{
    private readonly HttpClient cosmos;

    public CosmosCounts(Uri server)
    {
        // The local server's own certificate: the benchmark talks to it only to read its counts.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        cosmos = new HttpClient(handler) { BaseAddress = server };
    }

    public async Task<Dictionary<string, long>> ReadAsync() =>
        await cosmos.GetFromJsonAsync<Dictionary<string, long>>("/_emulator/requests")
        ?? throw new HttpRequestException("The local Cosmos server answered no counts.");

    /// <summary>The requests served between two readings, by kind, the most first.</summary>
    public static List<(string Kind, long Count)> Between(Dictionary<string, long> before, Dictionary<string, long> after) =>
    [
        .. after
            .Select(kv => (Kind: kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(k => k.Count > 0)
            .OrderByDescending(k => k.Count),
    ];

    public void Dispose() => cosmos.Dispose();
}
