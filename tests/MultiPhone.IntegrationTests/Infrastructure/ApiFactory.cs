using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiPhone.Functions.Auth;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port, pointed at a Cosmos server of its own. Tests share a factory but never data:
/// each one creates its own businesses through <see cref="NewTenantAsync"/>.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Signs the tests' tokens; only ever used by this test host.</summary>
    public const string SigningKey = "integration-tests-only-signing-key-not-a-secret";
    public const string Issuer = "multiphone-tests";
    public const string Audience = "multiphone-api";
    public const string TelephonyAuthToken = "integration-tests-telephony-token";
    public const string AgentStreamUrl = "wss://agents.test.example/stream";
    /// <summary>The local Cosmos emulators' well-known key, not a secret.</summary>
    public const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private readonly TokenIssuer _tokens = new(
        Options.Create(new AuthOptions { Issuer = Issuer, Audience = Audience, SigningKey = SigningKey }), TimeProvider.System);

    private CosmosServer? _cosmos;
    private string? _cosmosEndpoint;
    private Azurite? _azurite;

    public ApiFactory() => UseKestrel(0);

    public string CosmosEndpoint => _cosmosEndpoint ?? throw new InvalidOperationException("Not started");

    /// <summary>The storage account of the app's Durable backend (its own Azurite).</summary>
    public string StorageConnection => _azurite?.ConnectionString ?? throw new InvalidOperationException("Not started");

    /// <summary>The app's own Cosmos server, for tests that pause it; not there when a subclass points the app elsewhere.</summary>
    public CosmosServer CosmosServer => _cosmos ?? throw new InvalidOperationException("This factory has no Cosmos server of its own");

    /// <summary>The app's own Azurite, for tests that pause it.</summary>
    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Not started");

    public async ValueTask InitializeAsync()
    {
        var azurite = Azurite.StartAsync();
        _cosmosEndpoint = await StartCosmosAsync();
        _azurite = await azurite;
        StartServer();
    }

    protected virtual async Task<string> StartCosmosAsync()
    {
        _cosmos = await CosmosServer.StartAsync();
        return _cosmos.Endpoint;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            // A host that fails to stop must not leave its emulators running after the test run.
            if (_cosmos is not null)
            {
                await _cosmos.DisposeAsync();
            }
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }
            GC.SuppressFinalize(this);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(ConfigureServices);
    }

    /// <summary>The settings the app runs with, for tests that build the app another way (the Functions worker).</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => Settings().ToDictionary(s => s.Key, s => (string?)s.Value);

    protected virtual IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("urls", "http://127.0.0.1:0"),
        ("Cosmos:Endpoint", CosmosEndpoint),
        ("Cosmos:Key", CosmosKey),
        ("Cosmos:Database", "tests"),
        ("Cosmos:CreateIfMissing", "true"),
        ("Cosmos:AcceptLoopbackSelfSignedCertificate", "true"),
        ("Auth:Issuer", Issuer),
        ("Auth:Audience", Audience),
        ("Auth:SigningKey", SigningKey),
        ("Demo:Seed", "false"),
        ("Telephony:AuthToken", TelephonyAuthToken),
        ("Telephony:AgentStreamUrl", AgentStreamUrl),
        // Tests see every change at once; AgentConfigCacheTests covers the cache with a clock of its own.
        ("AgentConfig:MaxStaleness", "00:00:00"),
        // The shared test machine stalls for seconds at times; the fault tests (Faults/) hold the app to a short deadline.
        ("Cosmos:RequestDeadline", "00:00:30"),
        // Only the realtime tests (RealtimeFactory) read the change feed, so the others do not pay for it.
        ("Realtime:ChangeFeed", "false"),
        ("AzureWebJobsStorage", StorageConnection),
        ("DurableTask:HubName", "tests"),
    ];

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public string Token(string subject, IEnumerable<(string BusinessId, BusinessRole Role)> businesses, params string[] platformRoles) =>
        _tokens.Issue(subject, businesses, platformRoles);

    /// <summary>A client of the app whose every response is held to the OpenAPI document (<see cref="ContractValidator"/>).</summary>
    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateDefaultClient(new ContractValidator());
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        return client;
    }

    public HttpClient Ops() => ClientWithToken(Token("ops-user", [], PlatformRoles.Ops));

    /// <summary>A new business of this test's own, created by ops, with clients for each of its roles.</summary>
    /// <param name="defaultCountry">The business's companyProfile.defaultCountry.</param>
    /// <param name="maxPhoneNumbers">An enterprise limit set by ops; null leaves the plan every new business starts on.</param>
    public async Task<Tenant> NewTenantAsync(string? defaultCountry = "US", int? maxPhoneNumbers = 1000)
    {
        var tenant = new Tenant(this, $"t-{Guid.NewGuid():N}");
        using var ops = Ops();
        var created = await ops.PutAsJsonAsync(tenant.Path(), new
        {
            name = "Test business " + tenant.BusinessId,
            companyProfile = new { legalName = "Test LLC", defaultCountry },
        }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        if (maxPhoneNumbers is { } limit)
        {
            var subscription = await ops.SendJsonAsync(HttpMethod.Put, tenant.Path("/subscription"),
                new { plan = "enterprise", maxPhoneNumbers = limit }, ifMatch: "*");
            subscription.EnsureSuccessStatusCode();
        }
        return tenant;
    }
}
