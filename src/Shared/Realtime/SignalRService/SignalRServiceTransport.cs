using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MultiPhone.Common;

namespace MultiPhone.Realtime.SignalRService;

/// <summary>
/// Azure SignalR Service in Serverless mode through its data-plane REST API (api-version 2023-07-01): send to a
/// group, add and remove a connection, and client tokens for negotiation. Requests are authenticated by
/// <see cref="SignalRServiceAuthentication"/>.
/// </summary>
public sealed class SignalRServiceTransport(HttpClient http, IOptions<SignalRServiceOptions> options, SignalRServiceTokens tokens) : IRealtimeTransport
{
    public const string ApiVersion = "2023-07-01";

    private string Hub => Uri.EscapeDataString(options.Value.Hub);

    public async Task<NegotiateResponse> NegotiateAsync(string userId, string callerToken, Uri apiBase, CancellationToken ct)
    {
        var url = $"{options.Value.ServiceEndpoint()}/client/?hub={Hub}";
        return new NegotiateResponse(url, await ClientTokenAsync(url, userId, ct));
    }

    public async Task<bool> AddToGroupAsync(string connectionId, string userId, string group, CancellationToken ct)
    {
        using var exists = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Path($"connections/{Uri.EscapeDataString(connectionId)}")), ct);
        if (exists.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        exists.EnsureSuccessStatusCode();
        using var added = await http.PutAsync(Path($"groups/{Uri.EscapeDataString(group)}/connections/{Uri.EscapeDataString(connectionId)}"), content: null, ct);
        if (added.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        added.EnsureSuccessStatusCode();
        return true;
    }

    public async Task RemoveFromGroupAsync(string connectionId, string group, CancellationToken ct)
    {
        using var removed = await http.DeleteAsync(Path($"groups/{Uri.EscapeDataString(group)}/connections/{Uri.EscapeDataString(connectionId)}"), ct);
        if (removed.StatusCode != HttpStatusCode.NotFound)
        {
            removed.EnsureSuccessStatusCode();
        }
    }

    public async Task SendAsync(string group, ChangeMessage message, CancellationToken ct)
    {
        using var sent = await http.PostAsJsonAsync(
            Path($"groups/{Uri.EscapeDataString(group)}/:send"),
            new { target = IRealtimeTransport.ClientMethod, arguments = new[] { message } },
            ApiJson.Options, ct);
        sent.EnsureSuccessStatusCode();
    }

    /// <summary>With an access key the token is signed here; with a managed identity the service issues it.</summary>
    private async Task<string> ClientTokenAsync(string url, string userId, CancellationToken ct)
    {
        if (options.Value.AccessKey() is not null)
        {
            return tokens.Sign(url, userId, options.Value.ClientTokenLifetime);
        }
        var minutes = (int)Math.Ceiling(options.Value.ClientTokenLifetime.TotalMinutes);
        using var generated = await http.PostAsync(Path($":generateToken", $"&userId={Uri.EscapeDataString(userId)}&minutesToExpire={minutes}"), content: null, ct);
        generated.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await generated.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return body.RootElement.GetProperty("token").GetString() ?? throw new HttpRequestException("The service generated no token.");
    }

    private Uri Path(string relative, string query = "") =>
        new($"{options.Value.ServiceEndpoint()}/api/hubs/{Hub}/{relative}?api-version={ApiVersion}{query}");
}
