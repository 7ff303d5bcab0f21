using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>A person's browser or an agent as a test sees it: a real SignalR connection over WebSocket, made the documented way.</summary>
public sealed class RealtimeClient : IAsyncDisposable
{
    private readonly List<JsonElement> _received = [];
    private readonly HttpClient _http;

    private RealtimeClient(HubConnection connection, HttpClient http) => (Connection, _http) = (connection, http);

    public HubConnection Connection { get; }

    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<RealtimeClient> ConnectAsync(RealtimeFactory api, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.BaseAddress, "/api/v2/realtime"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        var client = new RealtimeClient(connection, api.ClientWithToken(token));
        connection.On<JsonElement>("change", message =>
        {
            lock (client._received)
            {
                client._received.Add(message);
            }
        });
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return client;
    }

    public Task<HttpResponseMessage> SubscribeAsync(string channel, string? businessId = null, string? connectionId = null) =>
        _http.PostAsJsonAsync("/api/v2/realtime/subscriptions",
            new { connectionId = connectionId ?? Connection.ConnectionId, channel, businessId }, TestContext.Current.CancellationToken);

    public async Task SubscribeOrFailAsync(string channel, string? businessId = null)
    {
        using var response = await SubscribeAsync(channel, businessId);
        Assert.True(response.IsSuccessStatusCode, $"Subscribing to {channel}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The first message received so far or later that matches; waits as long as delivery may reasonably take.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, string what)
    {
        JsonElement found = default;
        await Wait.UntilAsync(() =>
        {
            var hit = Received.Where(match).Take(1).ToList();
            found = hit.FirstOrDefault();
            return hit.Count > 0;
        }, what);
        return found;
    }

    public Task<JsonElement> NextAsync(string channel, string type) =>
        NextAsync(m => m.Channel() == channel && m.Type() == type, $"a {type} message on {channel}");

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _http.Dispose();
    }
}

public static class Messages
{
    public static string Channel(this JsonElement message) => message.GetProperty("channel").GetString()!;

    public static string Type(this JsonElement message) => message.GetProperty("type").GetString()!;

    /// <summary>The value at <paramref name="path"/> as text; null when the message has none there (another type of message).</summary>
    public static string? Text(this JsonElement message, params string[] path)
    {
        var node = message;
        foreach (var key in path)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(key, out node))
            {
                return null;
            }
        }
        return node.ToString();
    }
}
