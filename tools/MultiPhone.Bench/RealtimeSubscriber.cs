using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MultiPhone.Bench;

/// <summary>Who a benchmark client stands for, and so which channels of its phone it follows.</summary>
internal enum Follower
{
    /// <summary>A voice agent: <c>phone:{p}:voice</c> (which carries the phone's voice version) and <c>phone:{p}:hours</c>.</summary>
    Agent,

    /// <summary>A console showing the phone: <c>phone:{p}:settings</c> (which carries it) and <c>business:{b}</c>.</summary>
    Console,
}

/// <summary>
/// One client following one phone, as docs/realtime.md tells clients to: negotiate at <c>/api/v2/realtime</c>,
/// connect over WebSocket, subscribe to its channels. It keeps every message it receives, with when it arrived, so
/// the benchmark can time a write to the first message carrying its voice version and check that no message came
/// twice or behind a newer one.
/// </summary>
internal sealed class RealtimeSubscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly string _voiceChannel;
    private readonly Lock _lock = new();
    private readonly List<(long Version, long At)> _voiceArrivals = [];
    private readonly List<(DateTimeOffset At, JsonElement Effective)> _sections = [];
    private readonly Dictionary<(string Channel, string Type, string? Phone, string? Item, string Name), long> _highest = [];
    private readonly HashSet<string> _revisions = [];
    private readonly DeliveryAudit _audit = new();

    private RealtimeSubscriber(HubConnection connection, string phoneId, string voiceChannel) =>
        (_connection, PhoneId, _voiceChannel) = (connection, phoneId, voiceChannel);

    public string PhoneId { get; }

    /// <summary>A voice agent following only the phone's voice channel.</summary>
    public static Task<RealtimeSubscriber> ConnectAsync(HttpClient api, string token, string businessId, string phoneId) =>
        ConnectAsync(api, token, businessId, phoneId, [$"phone:{phoneId}:voice"]);

    public static Task<RealtimeSubscriber> ConnectAsync(HttpClient api, string token, string businessId, string phoneId, Follower follower) =>
        ConnectAsync(api, token, businessId, phoneId, follower == Follower.Agent
            ? [$"phone:{phoneId}:voice", $"phone:{phoneId}:hours"]
            : [$"phone:{phoneId}:settings", $"business:{businessId}"]);

    /// <summary>Connects and subscribes to <paramref name="channels"/>; the first is the one whose voice versions are followed.</summary>
    private static async Task<RealtimeSubscriber> ConnectAsync(HttpClient api, string token, string businessId, string phoneId, string[] channels)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.BaseAddress!, "api/v2/realtime"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        var subscriber = new RealtimeSubscriber(connection, phoneId, channels[0]);
        connection.On<JsonElement>("change", subscriber.Receive);
        await connection.StartAsync();
        foreach (var channel in channels)
        {
            using var response = await api.PostAsJsonAsync("api/v2/realtime/subscriptions", new { connectionId = connection.ConnectionId, channel, businessId });
            if (!response.IsSuccessStatusCode)
            {
                await connection.DisposeAsync();
                throw new HttpRequestException($"Subscribing to {channel} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        return subscriber;
    }

    /// <summary>The highest voice version received so far on the followed channel (0 before any).</summary>
    public long HighestVoiceVersion
    {
        get
        {
            lock (_lock)
            {
                return _voiceArrivals.Select(a => a.Version).DefaultIfEmpty().Max();
            }
        }
    }

    /// <summary>When the first message carrying voice version <paramref name="version"/> or a later one arrived (it may come coalesced with later changes).</summary>
    public long? ArrivalOf(long version)
    {
        lock (_lock)
        {
            return _voiceArrivals.Where(a => a.Version >= version).Select(a => (long?)a.At).FirstOrDefault();
        }
    }

    /// <summary>When the first message whose effective voice section has <paramref name="field"/> equal to <paramref name="value"/> arrived.</summary>
    public DateTimeOffset? ArrivalOf(string field, JsonElement value)
    {
        lock (_lock)
        {
            return _sections
                .Where(s => s.Effective.TryGetProperty(field, out var actual) && JsonElement.DeepEquals(actual, value))
                .Select(s => (DateTimeOffset?)s.At)
                .FirstOrDefault();
        }
    }

    /// <summary>
    /// How many messages arrived, how many of them twice (the same versions again on the same channel, type, phone and
    /// item; for <c>history.added</c> the same revision again), and how many behind a newer one (none of its versions
    /// above what the channel already carried): the delivery contract's "once, in version order" broken. A
    /// <c>history</c> version is a revision's time, and revisions of different documents written at once reach the
    /// feed in commit order, so it is left out of the order. Counted as messages arrive, keeping nothing else of them:
    /// a soak's hundreds of thousands of messages would otherwise be the client's garbage to collect.
    /// </summary>
    public (int Messages, int Duplicates, int OutOfOrder, string? FirstProblem) Audit()
    {
        lock (_lock)
        {
            return (_audit.Messages, _audit.Duplicates, _audit.OutOfOrder, _audit.FirstProblem);
        }
    }

    private void Receive(JsonElement message)
    {
        var at = Stopwatch.GetTimestamp();
        var wallClock = DateTimeOffset.UtcNow;
        var channel = message.GetProperty("channel").GetString()!;
        var type = message.GetProperty("type").GetString()!;
        var phone = message.TryGetProperty("phoneId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var item = message.TryGetProperty("itemId", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var versions = message.GetProperty("versions").EnumerateObject().Select(v => (v.Name, Version: v.Value.GetInt64())).ToList();
        var data = message.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
        lock (_lock)
        {
            _audit.Messages++;
            var ordered = versions.Where(v => v.Name != "history").ToList();
            if (ordered.Count == 0)
            {
                var revision = data is { } entry && entry.TryGetProperty("id", out var id) ? id.GetString() : null;
                if (!_revisions.Add($"{channel}|{type}|{phone}|{item}|{revision}|{string.Join(',', versions)}"))
                {
                    _audit.Problem(duplicate: true, $"received twice: {type} on {channel}, revision {revision}");
                }
            }
            else
            {
                var keys = ordered.Select(v => (Key: (channel, type, phone, item, v.Name), v.Version)).ToList();
                var before = keys.Select(k => _highest.TryGetValue(k.Key, out var seen) ? seen : (long?)null).ToList();
                if (keys.Zip(before).All(k => k.Second >= k.First.Version))
                {
                    var again = keys.Zip(before).All(k => k.Second == k.First.Version);
                    _audit.Problem(again, $"{(again ? "received twice" : "behind a newer one")}: {type} on {channel}, versions {string.Join(',', versions)}");
                }
                foreach (var (key, version) in keys)
                {
                    _highest[key] = Math.Max(version, _highest.GetValueOrDefault(key));
                }
            }
            if (channel == _voiceChannel)
            {
                _voiceArrivals.AddRange(ordered.Where(v => v.Name == "voice").Select(v => (v.Version, at)));
                if (data is { } voice && voice.TryGetProperty("effective", out var effective))
                {
                    _sections.Add((wallClock, effective.Clone()));
                }
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private sealed class DeliveryAudit
    {
        public int Messages { get; set; }

        public int Duplicates { get; private set; }

        public int OutOfOrder { get; private set; }

        public string? FirstProblem { get; private set; }

        public void Problem(bool duplicate, string description)
        {
            if (duplicate)
            {
                Duplicates++;
            }
            else
            {
                OutOfOrder++;
            }
            FirstProblem ??= description;
        }
    }
}
