using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using MultiPhone.Telephony;

namespace MultiPhone.IntegrationTests;

/// <summary>Webhooks while Cosmos fails part of the way through.</summary>
public sealed class FailingCosmosWebhooksApiTests(FaultyApiFactory api) : IClassFixture<FaultyApiFactory>
{
    [Fact]
    public async Task ATextWhoseFirstDeliveryFailedGetsItsReplyWhenTheProviderRetries()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there" });
        using var provider = api.ClientWithToken(null);
        var text = Webhook.Text(phone.PhoneNumber);

        HttpResponseMessage failed;
        // Finding which phone answers on the number fails, after the message id has been seen.
        using (api.Faults.Fail(FaultInjector.Writes(HttpMethod.Get, "phoneNumberIndex")))
        {
            failed = await Webhook.PostSignedAsync(provider, Webhook.Sms, text);
        }
        var retried = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, text)).TwimlAsync();

        Assert.True(failed.StatusCode >= HttpStatusCode.InternalServerError, $"Expected a 5xx, got {(int)failed.StatusCode}");
        Assert.Equal(["Hi there"], Webhook.Messages(retried).Select(m => m.Body));
    }
}

/// <summary>The app behind a trusted reverse proxy that sets X-Forwarded-Proto and X-Forwarded-Host.</summary>
public sealed class ProxiedWebhooksApiTests(TrustedProxyFactory api) : IClassFixture<TrustedProxyFactory>
{
    private const string PublicUrl = "https://public.example/api/v2/webhooks/voice/inbound";

    [Fact]
    public async Task ASignatureOfThePublicUrlVerifiesThroughTheTrustedProxy()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true);
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(phone.PhoneNumber);

        var twiml = await (await Webhook.PostAsync(provider, Webhook.Voice, call, Webhook.Sign(PublicUrl, call),
            Webhook.ForwardedAs("https", "public.example"))).TwimlAsync();

        Assert.Equal(["Connect"], Webhook.Verbs(twiml));
        Assert.Equal(phone.Id, Webhook.Parameters(twiml.Elements().Single().Elements().Single())["phoneId"]);
    }

    [Fact]
    public async Task ASignatureOfTheInternalUrlDoesNotVerifyThroughTheProxy()
    {
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(Numbers.NextUs());

        var response = await Webhook.PostAsync(provider, Webhook.Voice, call, Webhook.Sign(Webhook.UrlOf(provider, Webhook.Voice), call),
            Webhook.ForwardedAs("https", "public.example"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
    }

    [Fact]
    public async Task TheRecordingActionResolvesAgainstThePublicUrlAndVerifiesThere()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: false, afterHours: new { action = "takeMessage", message = "Leave a message." });
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(phone.PhoneNumber);
        var forwarded = Webhook.ForwardedAs("https", "public.example");

        var twiml = await (await Webhook.PostAsync(provider, Webhook.Voice, call, Webhook.Sign(PublicUrl, call), forwarded)).TwimlAsync();
        var action = new Uri(new Uri(PublicUrl), (string?)twiml.Elements().Last().Attribute("action"));
        var recorded = Webhook.Form(("AccountSid", Webhook.AccountSid), ("CallSid", Webhook.Field(call, "CallSid")),
            ("From", Webhook.Field(call, "From")), ("To", phone.PhoneNumber), ("RecordingUrl", "https://api.twilio.example/recordings/RE1"));
        var thanks = await (await Webhook.PostAsync(provider, action.PathAndQuery, recorded, Webhook.Sign(action.AbsoluteUri, recorded), forwarded)).TwimlAsync();

        Assert.Equal("https://public.example/api/v2/webhooks/voice/recorded", action.AbsoluteUri);
        Assert.Equal(["Say", "Hangup"], Webhook.Verbs(thanks));
    }
}

/// <summary>The app told its public base URL, as behind the Functions host.</summary>
public sealed class PublicBaseUrlWebhooksApiTests(PublicBaseUrlFactory api) : IClassFixture<PublicBaseUrlFactory>
{
    [Fact]
    public async Task ASignatureOfTheConfiguredPublicUrlVerifies()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there" });
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(phone.PhoneNumber);
        var text = Webhook.Text(phone.PhoneNumber);

        var voice = await (await Webhook.PostAsync(provider, Webhook.Voice, call,
            Webhook.Sign(PublicBaseUrlFactory.PublicBaseUrl + Webhook.Voice, call))).TwimlAsync();
        var sms = await (await Webhook.PostAsync(provider, Webhook.Sms + "?attempt=1", text,
            Webhook.Sign(PublicBaseUrlFactory.PublicBaseUrl + Webhook.Sms + "?attempt=1", text))).TwimlAsync();

        Assert.Equal(["Connect"], Webhook.Verbs(voice));
        Assert.Equal(["Hi there"], Webhook.Messages(sms).Select(m => m.Body));
    }

    [Fact]
    public async Task ASignatureOfTheUrlTheAppSeesDoesNotVerify()
    {
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(Numbers.NextUs());

        var response = await Webhook.PostAsync(provider, Webhook.Voice, call, Webhook.Sign(Webhook.UrlOf(provider, Webhook.Voice), call));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
    }
}

/// <summary>Trusts forwarded headers from the loopback address the tests connect from.</summary>
public sealed class TrustedProxyFactory : ApiFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [.. base.Settings(), ("ForwardedHeaders:KnownProxies:0", "127.0.0.1")];
}

/// <summary>Verifies signatures against a configured public base URL instead of the request's own.</summary>
public sealed class PublicBaseUrlFactory : ApiFactory
{
    public const string PublicBaseUrl = "https://api.public.example";

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [.. base.Settings(), ("Telephony:PublicBaseUrl", PublicBaseUrl)];
}
