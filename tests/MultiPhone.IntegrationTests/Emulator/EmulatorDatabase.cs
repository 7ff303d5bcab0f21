using System.Text.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// A database of the test's own on a local Cosmos-compatible server, reached with the Cosmos SDK directly (gateway
/// mode, as the app does), and deleted on dispose.
/// </summary>
public sealed class EmulatorDatabase : IAsyncDisposable
{
    private EmulatorDatabase(CosmosClient client, Database database)
    {
        Client = client;
        Database = database;
    }

    public CosmosClient Client { get; }

    public Database Database { get; }

    public static async Task<EmulatorDatabase> CreateAsync(string endpoint)
    {
        var client = new CosmosClient(endpoint, ApiFactory.CosmosKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            UseSystemTextJsonSerializerWithOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web),
            // The local server's certificate is self-signed.
            HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            }),
        });
        var database = await client.CreateDatabaseAsync($"emulator-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        return new EmulatorDatabase(client, database.Database);
    }

    public async Task<Container> CreateContainerAsync(string name, string partitionKeyPath) =>
        (await Database.CreateContainerAsync(name, partitionKeyPath, cancellationToken: TestContext.Current.CancellationToken)).Container;

    public async ValueTask DisposeAsync()
    {
        await Database.DeleteAsync();
        Client.Dispose();
    }
}

/// <summary>A test class whose every test gets a database of its own with an "items" container partitioned by /pk.</summary>
public abstract class ItemsContainerTest(ApiFactory api) : IAsyncLifetime
{
    private EmulatorDatabase? _db;

    protected EmulatorDatabase Db => _db ?? throw new InvalidOperationException("Not initialized");

    protected Container Items { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await EmulatorDatabase.CreateAsync(api.CosmosEndpoint);
        Items = await _db.CreateContainerAsync("items", "/pk");
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>What the emulator tests write: <see cref="Seq"/> counts the writes to one partition key, in order.</summary>
public sealed record Item(string Id, string Pk, int Seq);
