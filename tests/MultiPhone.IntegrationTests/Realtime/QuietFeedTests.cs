using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>
/// Changes made after the change feed went quiet (its reads backed off to <see cref="QuietFeedFactory.Slowest"/>)
/// still reach subscribers: another instance's at the next read, this instance's own at once.
/// </summary>
public sealed class QuietFeedTests(QuietFeedFactory api) : IClassFixture<QuietFeedFactory>
{
    private const string Businesses = "businesses";

    [Fact]
    public async Task AChangeWrittenByAnotherInstanceAfterTheFeedWentQuietReachesASubscriber()
    {
        using var tenant = await api.NewTenantAsync();
        await using var console = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await console.SubscribeOrFailAsync($"business:{tenant.BusinessId}");
        await api.Reads.UntilQuietAsync(Businesses);

        // Written with a client of its own, as another instance would: nothing wakes this instance's feed.
        var version = await WriteBusinessElsewhereAsync(tenant.BusinessId);

        var updated = await console.NextAsync(m => m.Type() == "business.updated" && m.Text("versions", "business") == version.ToString(), "the other instance's change");
        Assert.Equal(tenant.BusinessId, updated.Text("businessId"));
    }

    [Fact]
    public async Task AnEditOfThisInstanceAfterTheFeedWentQuietIsReadAtOnceNotAtTheNextQuietRead()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await using var colleague = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await colleague.SubscribeOrFailAsync($"phone:{phone.Id}:voice");
        await api.Reads.UntilQuietAsync("settings");
        // Right after one of its quiet reads, so the next one is Slowest away.
        await api.Reads.UntilJustReadAsync("settings");
        var lastQuietRead = api.Reads.Last("settings");

        var sent = Stopwatch.GetTimestamp();
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/voice"), new { greeting = "Still heard" }, "\"v0\"");
        var answered = Stopwatch.GetTimestamp();
        var voice = await colleague.NextAsync($"phone:{phone.Id}:voice", "phone.voice.changed");

        Assert.Equal("Still heard", voice.Text("data", "effective", "greeting"));
        // Woken by the write: the feed was read as soon as the write was stored, not at its quiet schedule's next read.
        var next = Stopwatch.GetElapsedTime(lastQuietRead, api.Reads.FirstAfter("settings", sent));
        var write = Stopwatch.GetElapsedTime(lastQuietRead, answered);
        Assert.True(next < QuietFeedFactory.Slowest / 2,
            $"the settings feed was read {next.TotalMilliseconds:F0} ms after its last quiet read; the write was answered after {write.TotalMilliseconds:F0} ms");
    }

    private async Task<long> WriteBusinessElsewhereAsync(string businessId)
    {
        using var client = new CosmosClient(api.CosmosEndpoint, ApiFactory.CosmosKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            // The local server's certificate is self-signed.
            HttpClientFactory = () => new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }),
        });
        var container = client.GetContainer("tests", Businesses);
        var key = new PartitionKey(businessId);
        var ct = TestContext.Current.CancellationToken;
        using var read = await container.ReadItemStreamAsync(businessId, key, cancellationToken: ct);
        read.EnsureSuccessStatusCode();
        var business = (await JsonNode.ParseAsync(read.Content, cancellationToken: ct))!.AsObject();
        var version = business["version"]!.GetValue<long>() + 1;
        business["version"] = version;
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(business));
        using var written = await container.ReplaceItemStreamAsync(body, businessId, key, cancellationToken: ct);
        written.EnsureSuccessStatusCode();
        return version;
    }
}

/// <summary>The app with a feed that backs off to a few seconds, and a record of when each change feed read was sent.</summary>
public sealed class QuietFeedFactory : RealtimeFactory
{
    public static readonly TimeSpan Slowest = TimeSpan.FromSeconds(4);

    public ChangeFeedReads Reads { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        .. base.Settings(),
        ("Realtime:PollInterval", "00:00:00.050"),
        ("Realtime:MaxPollInterval", Slowest.ToString()),
    ];

    // Registered after the app's own handlers, so it sees a read when the pacer lets it go.
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<RequestHandler>(Reads);
}

/// <summary>When each change feed read of each container was sent (Stopwatch timestamps).</summary>
public sealed class ChangeFeedReads : RequestHandler
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _sent = new();

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers["A-IM"] is not null && ContainerOf(request) is { } container)
        {
            _sent.GetOrAdd(container, _ => new()).Enqueue(Stopwatch.GetTimestamp());
        }
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Waits until the container's feed was read in one round at most within the last Slowest (a round: its
    /// processor's and its cache reader's reads together): it has been quiet for a while and waits about Slowest
    /// between reads.
    /// </summary>
    public Task UntilQuietAsync(string container) => Wait.UntilAsync(() =>
    {
        var now = Stopwatch.GetTimestamp();
        var recent = Sent(container).Where(t => Stopwatch.GetElapsedTime(t, now) < QuietFeedFactory.Slowest).ToList();
        return recent.Count is > 0 and <= 2 && Sent(container).Count > recent.Count;
    }, $"the {container} feed went quiet", TimeSpan.FromSeconds(60));

    /// <summary>Waits until the container's feed was read in the last 100 ms.</summary>
    public Task UntilJustReadAsync(string container) => Wait.UntilAsync(
        () => Sent(container) is [.., var last] && Stopwatch.GetElapsedTime(last) < TimeSpan.FromMilliseconds(100),
        $"the {container} feed was read", QuietFeedFactory.Slowest * 2);

    public long Last(string container) => Sent(container)[^1];

    /// <summary>The first read of the container sent after <paramref name="timestamp"/>.</summary>
    public long FirstAfter(string container, long timestamp) => Sent(container).First(t => t > timestamp);

    private List<long> Sent(string container) => _sent.TryGetValue(container, out var sent) ? [.. sent] : [];

    private static string? ContainerOf(RequestMessage request)
    {
        var segments = request.RequestUri.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var colls = Array.IndexOf(segments, "colls");
        return colls >= 0 && colls + 1 < segments.Length ? segments[colls + 1] : null;
    }
}
