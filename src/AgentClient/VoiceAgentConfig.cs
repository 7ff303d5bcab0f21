using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace MultiPhone.AgentClient;

/// <summary>How a voice agent reaches the API.</summary>
public sealed record VoiceAgentOptions
{
    /// <summary>The API's base URL, e.g. https://func-api-xyz.azurewebsites.net.</summary>
    public required Uri ApiBaseUrl { get; init; }

    /// <summary>A bearer token with the platform role voice-agent (asked again whenever the client connects).</summary>
    public required Func<CancellationToken, Task<string>> AccessToken { get; init; }

    /// <summary>
    /// After a change a message does not carry, the configuration is read again at once and once more this much later:
    /// an instance of the API that has not seen the change yet may still serve the old one, for at most its
    /// MaxStaleness (1 s).
    /// </summary>
    public TimeSpan StalenessBound { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sends the client's API requests (a proxy, a handler that logs or counts them); the default handler when null.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}

/// <summary>
/// The configuration of the number a voice agent answers, kept current: loaded with ETag revalidation, followed
/// through the phone's realtime voice and hours channels (applying what their messages carry, reading again only what
/// they do not), reconnecting, subscribing and reading again after a drop.
/// </summary>
public sealed class VoiceAgentConfig : IAsyncDisposable
{
    private static readonly string[] Topics = ["voice", "hours"];
    private readonly VoiceAgentOptions _options;
    private readonly HttpClient _http;
    private readonly string _configPath;
    private readonly HubConnection _connection;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Dictionary<string, long> _seenVersions = [];
    private readonly CancellationTokenSource _stopping = new();

    private VoiceAgentConfig(VoiceAgentOptions options, HttpClient http, string configPath, AgentConfigSnapshot current)
    {
        (_options, _http, _configPath, Current) = (options, http, configPath, current);
        _connection = new HubConnectionBuilder()
            // The API answers the negotiation with where to connect: its own hub, or Azure SignalR Service.
            .WithUrl(new Uri(options.ApiBaseUrl, "api/v2/realtime"), o => o.AccessTokenProvider = async () => await options.AccessToken(_stopping.Token))
            .WithAutomaticReconnect(new RetryForever())
            .Build();
        _connection.On<JsonElement>("change", OnChangeAsync);
        _connection.Reconnected += _ => SubscribeAsync(_stopping.Token);
    }

    /// <summary>Whether the realtime connection is up; while it is not, the configuration cannot follow changes.</summary>
    public HubConnectionState ConnectionState => _connection.State;

    /// <summary>The configuration as last loaded.</summary>
    public AgentConfigSnapshot Current { get; private set; }

    /// <summary>Raised with the new configuration whenever it changed.</summary>
    public event Action<AgentConfigSnapshot>? Changed;

    /// <summary>Raised when the phone no longer exists (removed by its business): stop taking calls on it.</summary>
    public event Action? Removed;

    /// <summary>Loads the configuration of the dialed number (E.164) and starts following its changes.</summary>
    public static async Task<VoiceAgentConfig> StartAsync(VoiceAgentOptions options, string dialedNumber, CancellationToken ct = default)
    {
        var http = new HttpClient(options.HttpHandler ?? new HttpClientHandler()) { BaseAddress = options.ApiBaseUrl };
        var path = $"api/v2/voice/agent-config?to={Uri.EscapeDataString(dialedNumber)}";
        var first = await LoadAsync(http, path, options, etag: null, ct) ?? throw new InvalidOperationException("The first load cannot be 304.");
        var agent = new VoiceAgentConfig(options, http, path, first);
        await agent._connection.StartAsync(ct);
        await agent.SubscribeAsync(ct);
        return agent;
    }

    /// <summary>Revalidates the configuration (If-None-Match) and raises <see cref="Changed"/> when it changed.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        await _loading.WaitAsync(ct);
        try
        {
            if (await LoadAsync(_http, _configPath, _options, Current.ETag, ct) is { } fresh)
            {
                Current = fresh;
                Changed?.Invoke(fresh);
            }
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            Removed?.Invoke();
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task SubscribeAsync(CancellationToken ct)
    {
        var token = await _options.AccessToken(ct);
        foreach (var topic in Topics)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/realtime/subscriptions")
            {
                Content = JsonContent.Create(new { connectionId = _connection.ConnectionId, channel = $"phone:{Current.PhoneId}:{topic}", businessId = Current.BusinessId }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        }
        // Changes made while the connection was down were not delivered: read the configuration again.
        await RefreshAsync(ct);
    }

    private async Task OnChangeAsync(JsonElement message)
    {
        var newer = NewerVersions(message);
        if (newer.Count == 0)
        {
            return;
        }
        var type = message.GetProperty("type").GetString();
        if (type == "phone.removed")
        {
            Removed?.Invoke();
            return;
        }
        var (carried, apply) = Payload(type, message);
        await _loading.WaitAsync(_stopping.Token);
        try
        {
            // A message can repeat what the configuration already says (one routed after the first read): no change.
            if (apply is not null && Current.With(apply) is var next && !next.SaysTheSameAs(Current))
            {
                Current = next;
                Changed?.Invoke(Current);
            }
        }
        finally
        {
            _loading.Release();
        }
        // Something changed that the message does not say how (the phone itself, a type this client cannot apply).
        if (newer.Except(carried).Any())
        {
            await ReadAfterGapAsync();
        }
    }

    /// <summary>
    /// Reads the configuration at once and once more after <see cref="VoiceAgentOptions.StalenessBound"/>, since the
    /// API instance answering may not have seen the change yet.
    /// </summary>
    private async Task ReadAfterGapAsync()
    {
        await RefreshAsync(_stopping.Token);
        _ = Task.Delay(_options.StalenessBound, _stopping.Token).ContinueWith(
            _ => RefreshAsync(_stopping.Token), _stopping.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// What a message's data replaces in the configuration, and which of its versions that covers (docs/realtime.md).
    /// An hours message names the phone's version because the time zone is part of the hours; it carries the zone,
    /// not the rest of the phone, so a newer phone version is a gap.
    /// </summary>
    private static (string[] Carried, Action<JsonObject>? Apply) Payload(string? type, JsonElement message)
    {
        if (!message.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return ([], null);
        }
        return type switch
        {
            "phone.voice.changed" when Has(data, "effective", "sources") => (["voice"], config => config["voice"] = Section(data)),
            "phone.hours.changed" when Has(data, "effective", "sources", "timezone", "openNow", "nextChangeAt") => (["hours"], config =>
            {
                config["hours"] = Section(data);
                config["phone"]!["timezone"] = Node(data, "timezone");
                config["openNow"] = Node(data, "openNow");
                config["nextChangeAt"] = Node(data, "nextChangeAt");
                // The server worked openNow out when it made the message, a moment before it arrived.
                config["evaluatedAt"] = DateTimeOffset.UtcNow;
            }),
            _ => ([], null),
        };
    }

    private static bool Has(JsonElement data, params string[] names) => names.All(name => data.TryGetProperty(name, out _));

    private static JsonObject Section(JsonElement data) => new() { ["effective"] = Node(data, "effective"), ["sources"] = Node(data, "sources") };

    private static JsonNode? Node(JsonElement data, string name) => JsonSerializer.SerializeToNode(data.GetProperty(name));

    /// <summary>Delivery is at least once: a message none of whose versions is newer than seen is a repeat.</summary>
    private List<string> NewerVersions(JsonElement message)
    {
        var channel = message.GetProperty("channel").GetString();
        var newer = new List<string>();
        lock (_seenVersions)
        {
            foreach (var version in message.GetProperty("versions").EnumerateObject())
            {
                var key = $"{channel}|{version.Name}";
                if (!_seenVersions.TryGetValue(key, out var seen) || version.Value.GetInt64() > seen)
                {
                    _seenVersions[key] = version.Value.GetInt64();
                    newer.Add(version.Name);
                }
            }
        }
        return newer;
    }

    private static async Task<AgentConfigSnapshot?> LoadAsync(HttpClient http, string path, VoiceAgentOptions options, string? etag, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await options.AccessToken(ct));
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return AgentConfigSnapshot.Parse(await response.Content.ReadAsStringAsync(ct), response.Headers.ETag?.ToString() ?? "");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _connection.DisposeAsync();
        _http.Dispose();
        _loading.Dispose();
        _stopping.Dispose();
    }

    /// <summary>A voice agent never gives up on its phone's changes: retry every few seconds at most.</summary>
    private sealed class RetryForever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(context.PreviousRetryCount, 6))));
    }
}
