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
    private readonly List<Received> _messages = [];
    private readonly List<(long Version, long At)> _voiceArrivals = [];

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
            lock (_messages)
            {
                return _voiceArrivals.Select(a => a.Version).DefaultIfEmpty().Max();
            }
        }
    }

    /// <summary>When the first message carrying voice version <paramref name="version"/> or a later one arrived (it may come coalesced with later changes).</summary>
    public long? ArrivalOf(long version)
    {
        lock (_messages)
        {
            return _voiceArrivals.Where(a => a.Version >= version).Select(a => (long?)a.At).FirstOrDefault();
        }
    }

    /// <summary>When the first message whose effective voice section has <paramref name="field"/> equal to <paramref name="value"/> arrived.</summary>
    public DateTimeOffset? ArrivalOf(string field, JsonElement value)
    {
        lock (_messages)
        {
            return _messages
                .Where(m => m.Effective is { } effective && effective.TryGetProperty(field, out var actual) && JsonElement.DeepEquals(actual, value))
                .Select(m => (DateTimeOffset?)m.WallClock)
                .FirstOrDefault();
        }
    }

    /// <summary>
    /// Messages received more than once (the same channel, type, phone, item, versions and data id, which tells apart
    /// two revisions stored in the same millisecond), and messages none of whose versions is above what the channel
    /// already carried for that type, phone and item: the delivery contract's "once, in version order" broken.
    /// <c>history</c> is left out of the order: its version is a revision's time, and revisions of different phones
    /// written at once reach the feed in commit order, not time order (each is still delivered, and counted once).
    /// </summary>
    public (int Messages, int Duplicates, int OutOfOrder, string? FirstProblem) Audit()
    {
        lock (_messages)
        {
            var seen = new Dictionary<string, long>();
            var highest = new Dictionary<(string Channel, string Type, string? Phone, string? Item, string Name), long>();
            var (duplicates, outOfOrder) = (0, 0);
            string? first = null;
            foreach (var m in _messages)
            {
                if (!seen.TryAdd(m.Key, m.At))
                {
                    duplicates++;
                    first ??= FormattableString.Invariant(
                        $"received twice: {m.Type} on {m.Channel}, versions {m.Versions}, {Stopwatch.GetElapsedTime(seen[m.Key], m.At).TotalMilliseconds:F0} ms apart");
                    continue;
                }
                var ordered = m.VersionList.Where(v => v.Name != "history").ToList();
                var newer = ordered.Count == 0;
                foreach (var (name, version) in ordered)
                {
                    var key = (m.Channel, m.Type, m.PhoneId, m.ItemId, name);
                    if (!highest.TryGetValue(key, out var before) || version > before)
                    {
                        newer = true;
                        highest[key] = version;
                    }
                }
                if (!newer)
                {
                    outOfOrder++;
                    first ??= $"behind a newer one: {m.Type} on {m.Channel}, versions {m.Versions}";
                }
            }
            return (_messages.Count, duplicates, outOfOrder, first);
        }
    }

    private void Receive(JsonElement message)
    {
        var at = Stopwatch.GetTimestamp();
        var versions = message.GetProperty("versions");
        var hasData = message.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;
        var received = new Received(
            message.GetProperty("channel").GetString()!,
            message.GetProperty("type").GetString()!,
            message.TryGetProperty("phoneId", out var phone) && phone.ValueKind == JsonValueKind.String ? phone.GetString() : null,
            message.TryGetProperty("itemId", out var item) && item.ValueKind == JsonValueKind.String ? item.GetString() : null,
            versions.GetRawText(),
            [.. versions.EnumerateObject().Select(v => (v.Name, v.Value.GetInt64()))],
            at,
            DateTimeOffset.UtcNow,
            hasData && data.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
            hasData && data.TryGetProperty("effective", out var effective) ? effective.Clone() : null);
        lock (_messages)
        {
            _messages.Add(received);
            if (received.Channel == _voiceChannel)
            {
                _voiceArrivals.AddRange(received.VersionList.Where(v => v.Name == "voice").Select(v => (v.Version, at)));
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private sealed record Received(
        string Channel, string Type, string? PhoneId, string? ItemId, string Versions, (string Name, long Version)[] VersionList, long At, DateTimeOffset WallClock, string? DataId, JsonElement? Effective)
    {
        public string Key { get; } = $"{Channel}|{Type}|{PhoneId}|{ItemId}|{Versions}|{DataId}";
    }
}
