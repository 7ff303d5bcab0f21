using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Requests the local server cannot decode are the client's error: each gets a 400 with a Cosmos-style error body,
/// and the server keeps serving (it used to die on a malformed percent-encoding, taking the local stack down).
/// These run against a server of their own, so a regression cannot take the other tests' server with it.
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestTests.Server server) : IClassFixture<MalformedRequestTests.Server>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "docs/%C0%AF", "", null)]
    [InlineData("GET", "docs/%FF", "", null)]
    [InlineData("DELETE", "docs/%E0%A4", "", null)]
    [InlineData("POST", "docs", "", "{\"id\": ")]
    [InlineData("GET", "docs/kept", "x-ms-documentdb-partitionkey: [\"unterminated", null)]
    [InlineData("GET", "docs", "x-ms-continuation: {not json", null)]
    [InlineData("GET", "docs", "x-ms-max-item-count: many", null)]
    [InlineData("GET", "docs", "A-IM: Incremental feed\nIf-None-Match: not-a-change-feed-position", null)]
    public async Task UndecodableRequestGetsBadRequestAndTheServerKeepsServing(string method, string path, string headers, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{server.Endpoint}dbs/{server.Database}/colls/items/{path}");
        var lines = headers.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(": ", 2)).ToList();
        if (!lines.Any(line => line[0] == "x-ms-documentdb-partitionkey"))
        {
            lines.Add(["x-ms-documentdb-partitionkey", "[\"p\"]"]);
        }
        foreach (var line in lines)
        {
            request.Headers.TryAddWithoutValidation(line[0], line[1]);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await server.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("BadRequest", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var kept = await server.Items.ReadItemAsync<Item>("kept", new PartitionKey("p"), cancellationToken: Ct);
        Assert.Equal(new Item("kept", "p", 1), kept.Resource);
    }

    /// <summary>A Cosmos-compatible server of these tests' own, with one container holding one item.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private CosmosServer? _cosmos;
        private EmulatorDatabase? _database;

        public string Endpoint => _cosmos!.Endpoint;

        public string Database => _database!.Database.Id;

        public Container Items { get; private set; } = null!;

        public HttpClient Http { get; } = new(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });

        public async ValueTask InitializeAsync()
        {
            _cosmos = await CosmosServer.StartAsync();
            _database = await EmulatorDatabase.CreateAsync(_cosmos.Endpoint);
            Items = await _database.CreateContainerAsync("items", "/pk");
            await Items.CreateItemAsync(new Item("kept", "p", 1), cancellationToken: Ct);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
            if (_cosmos is not null)
            {
                await _cosmos.DisposeAsync();
            }
        }
    }
}
