using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

// Prints every realtime message of the given channels, one JSON line each, the way any client receives them:
// negotiate at /api/v2/realtime, connect, subscribe each channel, and again after a reconnect.
// Usage: listen --token TOKEN [--api http://localhost:7071] [--business ID] CHANNEL [CHANNEL ...]
string? token = null, business = null;
var api = new Uri("http://localhost:7071");
var channels = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--token" when i + 1 < args.Length: token = args[++i]; break;
        case "--api" when i + 1 < args.Length: api = new Uri(args[++i]); break;
        case "--business" when i + 1 < args.Length: business = args[++i]; break;
        default: channels.Add(args[i]); break;
    }
}
if (token is null || channels.Count == 0)
{
    Console.Error.WriteLine("usage: listen --token TOKEN [--api URL] [--business ID] CHANNEL [CHANNEL ...]");
    return 2;
}

using var http = new HttpClient { BaseAddress = api };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
await using var connection = new HubConnectionBuilder()
    .WithUrl(new Uri(api, "api/v2/realtime"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
    .WithAutomaticReconnect()
    .Build();
connection.On<JsonElement>("change", message => Console.WriteLine(message.GetRawText()));

async Task SubscribeAsync(string? connectionId)
{
    foreach (var channel in channels)
    {
        // A busy app answers 503 (or 429) with Retry-After: asked again after it, up to 10 times.
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("api/v2/realtime/subscriptions", new { connectionId, channel, businessId = business });
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && attempt < 10)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            Console.Error.WriteLine($"{channel}: {(response.IsSuccessStatusCode ? "subscribed" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}")}");
            break;
        }
    }
}

connection.Reconnected += SubscribeAsync;
await connection.StartAsync();
await SubscribeAsync(connection.ConnectionId);
Console.Error.WriteLine("Listening; Ctrl-C stops.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
await stop.Task;
return 0;
