using System.Net.Http.Json;
using System.Text.Json;

namespace MultiPhone.Realtime.SignalRService;

/// <summary>
/// Azure SignalR Service in Serverless mode through its data-plane REST API (api-version 2023-07-01): send to a
/// group, add and remove a user in a group, and client tokens for negotiation. Requests are authenticated by
/// <see cref="SignalRServiceAuthentication"/>.
/// </summary>
/// <remarks>
/// The service cannot tell whose a connection is, nor close one when a token expires. What it can do is scope a
/// group membership to a user (the client token's <c>nameid</c>, set here from the caller's subject) with a time to
/// live. So a subscription is the caller's user joining the channel's group until the token that allowed it expires:
/// nobody can subscribe or unsubscribe another user, and no connection hears a channel longer than a token allows.
/// The connection id is not needed for that; it applies to all of the user's connections, who have the same rights.
/// </remarks>
public sealed class SignalRServiceTransport(HttpClient http, IOptions<SignalRServiceOptions> options, SignalRServiceTokens tokens, TimeProvider time)
    : IRealtimeTransport
{
    public const string ApiVersion = "2023-07-01";

    private string Hub => Uri.EscapeDataString(options.Value.Hub);

    public async Task<NegotiateResponse> NegotiateAsync(string userId, string callerToken, DateTimeOffset tokenExpires, Uri apiBase, CancellationToken ct)
    {
        var url = $"{options.Value.ServiceEndpoint()}/client/?hub={Hub}";
        var lifetime = tokenExpires - time.GetUtcNow();
        return new NegotiateResponse(url, await ClientTokenAsync(url, userId, lifetime < options.Value.ClientTokenLifetime ? lifetime : options.Value.ClientTokenLifetime, ct));
    }

    public async Task<bool> AddToGroupAsync(string connectionId, string userId, string group, DateTimeOffset grantExpires, CancellationToken ct)
    {
        var ttl = (long)(grantExpires - time.GetUtcNow()).TotalSeconds;
        if (ttl < 1)
        {
            return false;
        }
        using var added = await http.PutAsync(UserInGroup(userId, group, $"&ttl={ttl}"), content: null, ct);
        added.EnsureSuccessStatusCode();
        return true;
    }

    public async Task<bool> RemoveFromGroupAsync(string connectionId, string userId, string group, CancellationToken ct)
    {
        using var removed = await http.DeleteAsync(UserInGroup(userId, group), ct);
        removed.EnsureSuccessStatusCode();
        return true;
    }

    public async Task SendAsync(string group, ChangeMessage message, CancellationToken ct)
    {
        using var sent = await http.PostAsJsonAsync(
            Path($"groups/{Uri.EscapeDataString(group)}/:send"),
            new { target = IRealtimeTransport.ClientMethod, arguments = new[] { message } },
            ApiJson.Options, ct);
        sent.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// With an access key the token is signed here, to the second; with a managed identity the service issues it, in
    /// whole minutes, so one minute at least.
    /// </summary>
    private async Task<string> ClientTokenAsync(string url, string userId, TimeSpan lifetime, CancellationToken ct)
    {
        if (options.Value.AccessKey() is not null)
        {
            return tokens.Sign(url, userId, lifetime);
        }
        var minutes = Math.Max(1, (int)lifetime.TotalMinutes);
        using var generated = await http.PostAsync(Path($":generateToken", $"&userId={Uri.EscapeDataString(userId)}&minutesToExpire={minutes}"), content: null, ct);
        generated.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await generated.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return body.RootElement.GetProperty("token").GetString() ?? throw new HttpRequestException("The service generated no token.");
    }

    private Uri UserInGroup(string userId, string group, string query = "") =>
        Path($"users/{Uri.EscapeDataString(userId)}/groups/{Uri.EscapeDataString(group)}", query);

    private Uri Path(string relative, string query = "") =>
        new($"{options.Value.ServiceEndpoint()}/api/hubs/{Hub}/{relative}?api-version={ApiVersion}{query}");
}
