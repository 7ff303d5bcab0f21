using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using MultiPhone.Realtime;
using MultiPhone.Realtime.SignalRService;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>The REST client of Azure SignalR Service against a listener that checks what the service checks.</summary>
public sealed class SignalRServiceTransportTests : IAsyncLifetime
{
    private SignalRServiceListener _service = null!;

    public async ValueTask InitializeAsync() => _service = await SignalRServiceListener.StartAsync();

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task SendingToAGroupPostsTheMessageSignedForThatRequestUrl()
    {
        var transport = WithAccessKey();

        await transport.SendAsync("phone:p-1:voice", Message("phone:p-1:voice"), TestContext.Current.CancellationToken);

        var sent = Assert.Single(_service.Requests);
        Assert.Equal(("POST", "/api/hubs/multiphone/groups/phone%3Ap-1%3Avoice/:send", "?api-version=2023-07-01"), (sent.Method, sent.Path, sent.Query));
        Assert.Equal($"{_service.Endpoint}/api/hubs/multiphone/groups/phone%3Ap-1%3Avoice/:send", sent.Audience);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("change", body.RootElement.GetProperty("target").GetString());
        var message = body.RootElement.GetProperty("arguments")[0];
        Assert.Equal(("phone.voice.changed", "alice", 3), (message.GetProperty("type").GetString(), message.GetProperty("changedBy").GetString(), message.GetProperty("versions").GetProperty("voice").GetInt32()));
    }

    [Fact]
    public async Task ASubscriptionIsTheCallersUserInTheGroupUntilTheTokenThatAllowedItExpires()
    {
        var transport = WithAccessKey();

        var added = await transport.AddToGroupAsync("c-1", "alice", "business:b-1", DateTimeOffset.UtcNow.AddSeconds(90), TestContext.Current.CancellationToken);
        var expired = await transport.AddToGroupAsync("c-1", "alice", "business:b-1", DateTimeOffset.UtcNow.AddSeconds(-1), TestContext.Current.CancellationToken);

        Assert.Equal((true, false), (added, expired));
        var put = Assert.Single(_service.Requests);
        Assert.Equal("PUT /api/hubs/multiphone/users/alice/groups/business%3Ab-1", $"{put.Method} {put.Path}");
        var ttl = int.Parse(System.Web.HttpUtility.ParseQueryString(put.Query)["ttl"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 80, 90);
        Assert.NotNull(put.Audience);
    }

    [Fact]
    public async Task UnsubscribingRemovesTheCallersUserAndNobodysConnection()
    {
        await WithAccessKey().RemoveFromGroupAsync("alices-connection", "mallory", "phone:p-1:hours", TestContext.Current.CancellationToken);

        Assert.Equal("DELETE /api/hubs/multiphone/users/mallory/groups/phone%3Ap-1%3Ahours", _service.Requests.Select(r => $"{r.Method} {r.Path}").Single());
    }

    [Fact]
    public async Task AClientTokenExpiresNoLaterThanTheCallersToken()
    {
        var callerExpires = DateTimeOffset.UtcNow.AddSeconds(30);

        var signed = await WithAccessKey().NegotiateAsync("alice", "caller-token", callerExpires, new Uri("https://api.example/"), TestContext.Current.CancellationToken);
        await WithEntraId().NegotiateAsync("alice", "caller-token", DateTimeOffset.UtcNow.AddMinutes(10.5), new Uri("https://api.example/"), TestContext.Current.CancellationToken);

        Assert.InRange(new JsonWebToken(signed.AccessToken).ValidTo, callerExpires.UtcDateTime.AddSeconds(-5), callerExpires.UtcDateTime);
        Assert.Contains("minutesToExpire=10", Assert.Single(_service.Requests).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnAccessKeyTheClientTokenIsSignedForTheClientUrlAndNamesTheUser()
    {
        var negotiated = await WithAccessKey().NegotiateAsync("alice", "caller-token", DateTimeOffset.UtcNow.AddHours(12), new Uri("https://api.example/"), TestContext.Current.CancellationToken);

        Assert.Equal($"{_service.Endpoint}/client/?hub=multiphone", negotiated.Url);
        Assert.Equal(negotiated.Url, await SignalRServiceListener.ValidAudienceAsync(negotiated.AccessToken));
        Assert.Equal("alice", new JsonWebToken(negotiated.AccessToken).GetClaim("nameid").Value);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task WithAManagedIdentityTheServiceIssuesTheClientTokenAndRequestsCarryTheEntraToken()
    {
        var transport = WithEntraId();

        var negotiated = await transport.NegotiateAsync("alice", "caller-token", DateTimeOffset.UtcNow.AddHours(12), new Uri("https://api.example/"), TestContext.Current.CancellationToken);
        await transport.SendAsync("business:b-1", Message("business:b-1"), TestContext.Current.CancellationToken);

        Assert.Equal("service-token-for-alice", negotiated.AccessToken);
        var generate = _service.Requests.First();
        Assert.Equal(("POST", "/api/hubs/multiphone/:generateToken"), (generate.Method, generate.Path));
        Assert.Contains("userId=alice", generate.Query, StringComparison.Ordinal);
        Assert.Contains("minutesToExpire=60", generate.Query, StringComparison.Ordinal);
        Assert.All(_service.Requests, r => Assert.Equal(SignalRServiceListener.EntraToken, r.Bearer));
    }

    [Fact]
    public async Task AFailedSendThrowsSoTheChangeIsDeliveredAgain()
    {
        _service.SendStatus = 503;

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            WithAccessKey().SendAsync("business:b-1", Message("business:b-1"), TestContext.Current.CancellationToken));
    }

    private SignalRServiceTransport WithAccessKey() =>
        Transport(new SignalRServiceOptions { ConnectionString = $"Endpoint={_service.Endpoint};AccessKey={SignalRServiceListener.AccessKey};Version=1.0;" });

    private SignalRServiceTransport WithEntraId() => Transport(new SignalRServiceOptions { Endpoint = _service.Endpoint });

    private static SignalRServiceTransport Transport(SignalRServiceOptions settings)
    {
        var options = Options.Create(settings);
        var tokens = new SignalRServiceTokens(options, TimeProvider.System);
        var http = new HttpClient(new SignalRServiceAuthentication(options, tokens, new FixedCredential()) { InnerHandler = new SocketsHttpHandler() });
        return new SignalRServiceTransport(http, options, tokens, TimeProvider.System);
    }

    private static ChangeMessage Message(string channel) => new()
    {
        Channel = channel, Type = "phone.voice.changed", BusinessId = "b-1", PhoneId = "p-1", Sections = ["voice"],
        Versions = new Dictionary<string, long> { ["voice"] = 3 }, ChangedAt = DateTimeOffset.UnixEpoch, ChangedBy = "alice",
    };

    /// <summary>Stands in for the managed identity, which only Azure can issue; the listener expects exactly its token.</summary>
    private sealed class FixedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            requestContext.Scopes.SequenceEqual(["https://signalr.azure.com/.default"])
                ? new AccessToken(SignalRServiceListener.EntraToken, DateTimeOffset.UtcNow.AddHours(1))
                : throw new InvalidOperationException("Wrong scope: " + string.Join(' ', requestContext.Scopes));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
