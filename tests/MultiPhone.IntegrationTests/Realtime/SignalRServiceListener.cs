using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>
/// A local listener in place of Azure SignalR Service's REST API: it checks what the service checks (api-version, the
/// bearer token: an access-key JWT whose audience is the request URL, or the expected Entra token) and records every
/// request, so tests can assert exactly what the app sent.
/// </summary>
public sealed class SignalRServiceListener : IAsyncDisposable
{
    public const string AccessKey = "local-test-access-key-0123456789-abcdefghijklmnopqrstuv";
    public const string EntraToken = "entra-token-for-signalr";

    private readonly WebApplication _app;

    private SignalRServiceListener(WebApplication app) => _app = app;

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    /// <summary>Connection ids the service knows; others answer 404 to HEAD.</summary>
    public ConcurrentDictionary<string, bool> Connections { get; } = new();

    /// <summary>Status the next send answers with (202 when unset).</summary>
    public int? SendStatus { get; set; }

    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public sealed record Recorded(string Method, string Path, string Query, string Body, string? Audience, string? Bearer);

    public static async Task<SignalRServiceListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new SignalRServiceListener(app);
        app.Run(listener.HandleAsync);
        await app.StartAsync();
        return listener;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        var bearer = request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        // The service compares the audience with the URL as sent, percent-encoding included.
        var target = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var rawPath = target.Split('?')[0];
        var url = $"{request.Scheme}://{request.Host}{rawPath}".TrimEnd('/');
        var audience = await ValidAudienceAsync(bearer);
        Requests.Enqueue(new Recorded(request.Method, rawPath, request.QueryString.Value ?? "", body, audience, bearer));
        if (request.Query["api-version"] != "2023-07-01")
        {
            http.Response.StatusCode = 400;
            return;
        }
        if (bearer != EntraToken && audience != url)
        {
            http.Response.StatusCode = 401;
            return;
        }
        var path = request.Path.Value!;
        http.Response.StatusCode = (request.Method, path) switch
        {
            ("HEAD", _) when path.Contains("/connections/", StringComparison.Ordinal) => Connections.ContainsKey(Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..])) ? 200 : 404,
            ("POST", _) when path.EndsWith("/:send", StringComparison.Ordinal) => SendStatus ?? 202,
            ("POST", _) when path.EndsWith("/:generateToken", StringComparison.Ordinal) => 200,
            ("PUT" or "DELETE", _) => 200,
            _ => 404,
        };
        if (path.EndsWith("/:generateToken", StringComparison.Ordinal))
        {
            await http.Response.WriteAsJsonAsync(new { token = $"service-token-for-{request.Query["userId"]}" });
        }
    }

    /// <summary>The audience of a JWT signed with <see cref="AccessKey"/>, or null when the token is not one.</summary>
    public static async Task<string?> ValidAudienceAsync(string? token)
    {
        if (token is null || !token.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AccessKey)),
        });
        return result.IsValid ? ((JsonWebToken)result.SecurityToken).Audiences.Single() : null;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
