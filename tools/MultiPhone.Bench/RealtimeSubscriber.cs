using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MultiPhone.Bench;

/// <summary>
/// One voice agent following one phone, as docs/realtime.md tells clients to: negotiate at <c>/api/v2/realtime</c>,
/// connect over WebSocket, subscribe to <c>phone:{p}:voice</c>. It notes when each voice version arrived, and when
/// each effective voice section did (wall clock, for times the app gives, such as a scheduled change's due instant).
/// </summary>
internal sealed class RealtimeSubscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<(long Version, long At)> _arrivals = [];
    private readonly List<(DateTimeOffset At, JsonElement Effective)> _sections = [];

    private RealtimeSubscriber(HubConnection connection, string phoneId) => (_connection, PhoneId) = (connection, phoneId);

    public string PhoneId { get; }

    public static async Task<RealtimeSubscriber> ConnectAsync(HttpClient api, string token, string businessId, string phoneId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.BaseAddress!, "api/v2/realtime"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        var subscriber = new RealtimeSubscriber(connection, phoneId);
        connection.On<JsonElement>("change", subscriber.Receive);
        await connection.StartAsync();
        var channel = $"phone:{phoneId}:voice";
        using var response = await api.PostAsJsonAsync("api/v2/realtime/subscriptions", new { connectionId = connection.ConnectionId, channel, businessId });
        if (!response.IsSuccessStatusCode)
        {
            await connection.DisposeAsync();
            throw new HttpRequestException($"Subscribing to {channel} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return subscriber;
    }

    /// <summary>When the first message carrying voice version <paramref name="version"/> or a later one arrived (it may come coalesced with later changes).</summary>
    public long? ArrivalOf(long version)
    {
        lock (_arrivals)
        {
            return _arrivals.Where(a => a.Version >= version).Select(a => (long?)a.At).FirstOrDefault();
        }
    }

    /// <summary>When the first message whose effective voice section has <paramref name="field"/> equal to <paramref name="value"/> arrived.</summary>
    public DateTimeOffset? ArrivalOf(string field, JsonElement value)
    {
        lock (_arrivals)
        {
            return _sections
                .Where(s => s.Effective.TryGetProperty(field, out var actual) && JsonElement.DeepEquals(actual, value))
                .Select(s => (DateTimeOffset?)s.At)
                .FirstOrDefault();
        }
    }

    private void Receive(JsonElement message)
    {
        var at = Stopwatch.GetTimestamp();
        var wallClock = DateTimeOffset.UtcNow;
        if (message.GetProperty("type").GetString() == "phone.voice.changed"
            && message.GetProperty("versions").TryGetProperty("voice", out var version))
        {
            lock (_arrivals)
            {
                _arrivals.Add((version.GetInt64(), at));
                _sections.Add((wallClock, message.GetProperty("data").GetProperty("effective").Clone()));
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
