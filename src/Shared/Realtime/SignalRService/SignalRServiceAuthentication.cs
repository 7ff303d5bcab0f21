using System.Net.Http.Headers;
using System.Text;
using Azure.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MultiPhone.Realtime.SignalRService;

/// <summary>Signs JWTs with the access key of a connection string: for REST requests and for clients.</summary>
public sealed class SignalRServiceTokens(IOptions<SignalRServiceOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <param name="audience">The request URL without query and trailing slash (REST), or the client URL (clients).</param>
    /// <param name="userId">The connection's user (nameid), for client tokens.</param>
    /// <param name="lifetime">How long the token is valid.</param>
    public string Sign(string audience, string? userId, TimeSpan lifetime)
    {
        var key = options.Value.AccessKey() ?? throw new InvalidOperationException("SignalR:ConnectionString has no AccessKey.");
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now,
            Expires = now + lifetime,
            // The service takes a connection's user id from nameid.
            Claims = userId is null ? null : new Dictionary<string, object> { ["nameid"] = userId },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>
/// Authenticates every REST request to the service: with the connection string's access key, a short JWT whose
/// audience is the request URL (without query or trailing slash); otherwise an Entra ID token of the app's identity.
/// </summary>
public sealed class SignalRServiceAuthentication(IOptions<SignalRServiceOptions> options, SignalRServiceTokens tokens, TokenCredential credential)
    : DelegatingHandler
{
    private static readonly TokenRequestContext Scope = new(["https://signalr.azure.com/.default"]);
    private static readonly TimeSpan RequestTokenLifetime = TimeSpan.FromMinutes(5);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = options.Value.AccessKey() is not null
            ? tokens.Sign(request.RequestUri!.GetLeftPart(UriPartial.Path).TrimEnd('/'), userId: null, RequestTokenLifetime)
            : (await credential.GetTokenAsync(Scope, cancellationToken)).Token;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
