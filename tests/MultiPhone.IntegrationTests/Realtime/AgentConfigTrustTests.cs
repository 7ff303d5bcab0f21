using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.AgentConfig;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>
/// The hot path's cache with MaxStaleness 1 s on the real clock, trusting its entries while this instance's change
/// feed readers keep up: a phone in use is not read again every MaxStaleness, and a change written to Cosmos by another
/// writer still reaches agents within MaxStaleness.
/// </summary>
public sealed class AgentConfigTrustTests(TrustingCacheFactory api) : IClassFixture<TrustingCacheFactory>
{
    private static readonly TimeSpan MaxStaleness = TrustingCacheFactory.MaxStaleness;

    [Fact]
    public async Task APhoneInUseIsNotReadAgainEveryMaxStalenessWhileTheFeedReadersKeepUp()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));
        // Until the readers' first read after the phone's, and while their pace speeds up, it may be read again.
        var warm = DateTimeOffset.UtcNow + MaxStaleness * 2;
        while (DateTimeOffset.UtcNow < warm)
        {
            await AskAsync(agent, phone.PhoneNumber);
        }
        var readsBefore = api.Reads.Of(phone.Id).Count;

        var measured = MaxStaleness * 6;
        var until = DateTimeOffset.UtcNow + measured;
        while (DateTimeOffset.UtcNow < until)
        {
            await AskAsync(agent, phone.PhoneNumber);
        }

        // Read again on age alone, the phone's document would be read at least once per MaxStaleness: 5 times or more
        // (the cache before it trusted the feed readers read it about 30 times here). A reader lagging on a loaded
        // machine costs a read now and then.
        var reads = api.Reads.Of(phone.Id).Count - readsBefore;
        Assert.True(reads < 5, $"the phone's document was read {reads} times in {measured.TotalSeconds} s of calls");
    }

    [Fact]
    public async Task AChangeWrittenByAnotherWriterReachesAgentsWithinMaxStalenessWhileEntriesAreTrusted()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));
        // Trusted: served without its document having been read for longer than MaxStaleness.
        await Wait.UntilAsync(async () =>
        {
            await AskAsync(agent, phone.PhoneNumber);
            return api.Reads.Of(phone.Id) is [.., var last] && DateTimeOffset.UtcNow - last > MaxStaleness * 1.5;
        }, "the agent is served the phone from a copy older than MaxStaleness");

        await RenameElsewhereAsync(tenant.BusinessId, phone.Id, "Renamed elsewhere");
        var written = DateTimeOffset.UtcNow;
        // The agent keeps calling meanwhile, so the cache stays in use.
        await Wait.UntilAsync(async () =>
        {
            await AskAsync(agent, phone.PhoneNumber);
            return DateTimeOffset.UtcNow > written + MaxStaleness;
        }, "MaxStaleness has passed since the write");

        Assert.Equal("Renamed elsewhere", (await AskAsync(agent, phone.PhoneNumber)).Phone.DisplayName);
    }

    [Fact]
    public async Task TheCacheFeedReadersRestWhileNoAgentAsksAndVouchAgainOnceOneDoes()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        using var agent = api.ClientWithToken(api.Token("agent", [], PlatformRoles.VoiceAgent));
        var feeds = api.Services.GetRequiredService<CacheFeeds>();
        await AskAsync(agent, phone.PhoneNumber);
        await Wait.UntilAsync(() => feeds.Of(AgentConfigInvalidation.Containers) is not null, "the cache's feed readers vouch for their containers");

        // No agent asks: once the cache is no longer in use (5 × MaxStaleness after its last use), nothing is read for it.
        await Wait.UntilAsync(() => feeds.WantedEvery is null, "the cache is no longer in use", TimeSpan.FromSeconds(30));
        // A read already waiting in the pacer (at most MaxPollInterval, 1.25 s) or under way may still answer.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var rested = feeds.Of(AgentConfigInvalidation.Containers);
        // Reading, they would vouch anew at least every MaxPollInterval even with nothing to read.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Equal(rested, feeds.Of(AgentConfigInvalidation.Containers));

        var asked = DateTimeOffset.UtcNow;
        await AskAsync(agent, phone.PhoneNumber);
        await Wait.UntilAsync(() => feeds.Of(AgentConfigInvalidation.Containers) is { } now && now.From > asked && now.Through > now.From,
            "the readers follow the feeds again from the agent's call on");
    }

    private static async Task<AgentConfiguration> AskAsync(HttpClient agent, string number) =>
        await (await agent.GetAsync($"/api/v2/voice/agent-config?to={Uri.EscapeDataString(number)}", TestContext.Current.CancellationToken))
            .ReadAsync<AgentConfiguration>();

    /// <summary>Renames the phone with a Cosmos client of its own, as another instance or a script would: nothing wakes this instance's feed.</summary>
    private async Task RenameElsewhereAsync(string businessId, string phoneId, string name)
    {
        using var client = new CosmosClient(api.CosmosEndpoint, ApiFactory.CosmosKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            // The local server's certificate is self-signed.
            HttpClientFactory = () => new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }),
        });
        var container = client.GetContainer("tests", PhoneNumberStore.PhonesDefinition.Name);
        var key = new PartitionKey(businessId);
        var ct = TestContext.Current.CancellationToken;
        using var read = await container.ReadItemStreamAsync(phoneId, key, cancellationToken: ct);
        read.EnsureSuccessStatusCode();
        var document = (await JsonNode.ParseAsync(read.Content, cancellationToken: ct))!.AsObject();
        document["displayName"] = name;
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document));
        using var written = await container.ReplaceItemStreamAsync(body, phoneId, key, cancellationToken: ct);
        written.EnsureSuccessStatusCode();
    }
}

/// <summary>The app with its change feed on, the cache's bound at 1 s, and a record of the documents it reads.</summary>
public sealed class TrustingCacheFactory : ApiFactory
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);

    public DocumentReads Reads { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        .. base.Settings().Where(s => s.Key is not ("Realtime:ChangeFeed" or "AgentConfig:MaxStaleness")),
        ("Realtime:ChangeFeed", "true"),
        ("AgentConfig:MaxStaleness", MaxStaleness.ToString()),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<RequestHandler>(Reads);
}

/// <summary>When the app read each document by id (point reads, not queries or the change feed).</summary>
public sealed class DocumentReads : RequestHandler
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _reads = new();

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.Method == HttpMethod.Get && segments is [.., "docs", var id])
        {
            _reads.GetOrAdd(Uri.UnescapeDataString(id), _ => new()).Enqueue(DateTimeOffset.UtcNow);
        }
        return base.SendAsync(request, cancellationToken);
    }

    public IReadOnlyList<DateTimeOffset> Of(string id) => _reads.TryGetValue(id, out var reads) ? [.. reads] : [];
}
