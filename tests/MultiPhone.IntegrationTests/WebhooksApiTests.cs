using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using MultiPhone.Telephony;

namespace MultiPhone.IntegrationTests;

/// <summary>The provider's inbound-call and inbound-SMS webhooks, signed the way the provider signs them.</summary>
public sealed class WebhooksApiTests(ApiFactory api)
{
    [Fact]
    public async Task OpenLocationsCallIsHandedToTheVoiceAgentWithTheIdsItNeeds()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true);
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(phone.PhoneNumber);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, call)).TwimlAsync();

        var connect = Assert.Single(twiml.Elements());
        Assert.Equal("Connect", connect.Name.LocalName);
        var stream = Assert.Single(connect.Elements());
        Assert.Equal(("Stream", ApiFactory.AgentStreamUrl), (stream.Name.LocalName, (string?)stream.Attribute("url")));
        var parameters = Webhook.Parameters(stream);
        Assert.Equal(tenant.BusinessId, parameters["businessId"]);
        Assert.Equal(phone.Id, parameters["phoneId"]);
        Assert.Equal(Webhook.Field(call, "CallSid"), parameters["callSid"]);
        Assert.Equal(Webhook.Field(call, "From"), parameters["from"]);
        Assert.Equal("true", parameters["openNow"]);
        Assert.False(string.IsNullOrEmpty(parameters["configVersion"]));
    }

    [Fact]
    public async Task ClosedLocationTakingMessagesSaysTheMessageThenRecordsWithASignedActionThatThanksAndHangsUp()
    {
        using var tenant = await api.NewTenantAsync();
        const string message = "We are closed. Leave a message after the tone.";
        var phone = await Webhook.LocationAsync(tenant, open: false, afterHours: new { action = "takeMessage", message });
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(phone.PhoneNumber);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, call)).TwimlAsync();

        Assert.Equal(["Say", "Record"], Webhook.Verbs(twiml));
        var say = twiml.Elements().First();
        Assert.Equal((message, "en-US"), (say.Value, (string?)say.Attribute("language")));
        var record = twiml.Elements().Last();
        Assert.Equal(("120", "true"), ((string?)record.Attribute("maxLength"), (string?)record.Attribute("playBeep")));
        // The provider resolves the action against the URL it called, then signs and posts to that URL.
        var action = new Uri(new Uri(Webhook.UrlOf(provider, Webhook.Voice)), (string?)record.Attribute("action"));
        Assert.Equal(Webhook.UrlOf(provider, Webhook.Recorded), action.AbsoluteUri);
        var recorded = Webhook.Form(
            ("AccountSid", Webhook.AccountSid), ("CallSid", Webhook.Field(call, "CallSid")), ("From", Webhook.Field(call, "From")),
            ("To", phone.PhoneNumber), ("RecordingUrl", "https://api.twilio.example/recordings/RE123"), ("RecordingDuration", "7"));
        var unsigned = await Webhook.PostAsync(provider, action.PathAndQuery, recorded, signature: null);
        var thanks = await (await Webhook.PostAsync(provider, action.PathAndQuery, recorded, Webhook.Sign(action.AbsoluteUri, recorded))).TwimlAsync();

        await unsigned.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
        Assert.Equal(["Say", "Hangup"], Webhook.Verbs(thanks));
        Assert.Equal(InboundResponses.MessageThanks, thanks.Elements().First().Value);
    }

    [Fact]
    public async Task ClosedLocationTransferringSaysTheMessageThenDialsTheTransferNumberInE164()
    {
        using var tenant = await api.NewTenantAsync();
        var target = Numbers.NextUs();
        var national = $"({target[2..5]}) {target[5..8]}-{target[8..]}";
        var phone = await Webhook.LocationAsync(tenant, open: false,
            afterHours: new { action = "transfer", message = "Connecting you to our on-call line.", transferTo = national });
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, Webhook.Call(phone.PhoneNumber))).TwimlAsync();

        Assert.Equal(["Say", "Dial"], Webhook.Verbs(twiml));
        Assert.Equal("Connecting you to our on-call line.", twiml.Elements().First().Value);
        var dial = twiml.Elements().Last();
        Assert.Equal((target, phone.PhoneNumber), (dial.Value, (string?)dial.Attribute("callerId")));
    }

    [Fact]
    public async Task ClosedLocationAnsweringSaysTheMessageAndHangsUp()
    {
        using var tenant = await api.NewTenantAsync();
        const string message = "We are open Monday to Friday, nine to five.";
        var phone = await Webhook.LocationAsync(tenant, open: false, afterHours: new { action = "answer", message });
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, Webhook.Call(phone.PhoneNumber))).TwimlAsync();

        Assert.Equal(["Say", "Hangup"], Webhook.Verbs(twiml));
        Assert.Equal(message, twiml.Elements().First().Value);
    }

    [Fact]
    public async Task ClosedLocationHangingUpHangsUpWithoutSayingAnything()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: false, afterHours: new { action = "hangUp", message = "Not to be said" });
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, Webhook.Call(phone.PhoneNumber))).TwimlAsync();

        Assert.Equal(["Hangup"], Webhook.Verbs(twiml));
    }

    [Fact]
    public async Task ClosedLocationHandingToTheAgentConnectsTheAgentKnowingItIsClosed()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: false, afterHours: new { action = "handToAgent" });
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, Webhook.Call(phone.PhoneNumber))).TwimlAsync();

        Assert.Equal(["Connect"], Webhook.Verbs(twiml));
        var stream = Assert.Single(twiml.Elements().Single().Elements());
        Assert.Equal(ApiFactory.AgentStreamUrl, (string?)stream.Attribute("url"));
        var parameters = Webhook.Parameters(stream);
        Assert.Equal(("false", tenant.BusinessId, phone.Id), (parameters["openNow"], parameters["businessId"], parameters["phoneId"]));
    }

    [Fact]
    public async Task InactivePhoneSaysNotInServiceEvenWhenOpen()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Primary");
        var inactive = await (await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs(), "Closed branch", isActive: false)))
            .ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created);
        await Webhook.PutSectionAsync(tenant, inactive.Id, "hours", Webhook.AlwaysOpen);
        using var provider = api.ClientWithToken(null);

        var call = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, Webhook.Call(inactive.PhoneNumber))).TwimlAsync();
        var text = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, Webhook.Text(inactive.PhoneNumber))).TwimlAsync();

        Assert.Equal(["Say", "Hangup"], Webhook.Verbs(call));
        Assert.Equal(InboundResponses.NotInService, call.Elements().First().Value);
        Assert.Empty(text.Elements());
    }

    [Fact]
    public async Task UnknownNumberIsRejectedAndItsTextsGetNoReply()
    {
        using var provider = api.ClientWithToken(null);
        var nobody = Numbers.NextUs();

        var call = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, Webhook.Call(nobody))).TwimlAsync();
        var text = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, Webhook.Text(nobody))).TwimlAsync();

        var reject = Assert.Single(call.Elements());
        Assert.Equal(("Reject", "rejected"), (reject.Name.LocalName, (string?)reject.Attribute("reason")));
        Assert.Empty(text.Elements());
    }

    [Theory]
    [InlineData(Webhook.Voice)]
    [InlineData(Webhook.Recorded)]
    [InlineData(Webhook.Sms)]
    public async Task EveryWebhookRefusesAMissingOrWrongSignature(string path)
    {
        using var provider = api.ClientWithToken(null);
        var form = path == Webhook.Sms ? Webhook.Text(Numbers.NextUs()) : Webhook.Call(Numbers.NextUs());
        var url = Webhook.UrlOf(provider, path);

        var missing = await Webhook.PostAsync(provider, path, form, signature: null);
        var empty = await Webhook.PostAsync(provider, path, form, signature: "");
        var garbage = await Webhook.PostAsync(provider, path, form, signature: "not-a-signature");
        var otherToken = await Webhook.PostAsync(provider, path, form, TwilioSignature.Compute(url, form, "someone-elses-token"));

        foreach (var response in new[] { missing, empty, garbage, otherToken })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
            Assert.Contains("X-Twilio-Signature", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task ABadlySignedTextIsNotProcessedSoTheGenuineOneStillGetsItsReply()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there" });
        using var provider = api.ClientWithToken(null);
        var text = Webhook.Text(phone.PhoneNumber);

        var unsigned = await Webhook.PostAsync(provider, Webhook.Sms, text, signature: null);
        var forged = await Webhook.PostAsync(provider, Webhook.Sms, text, TwilioSignature.Compute(Webhook.UrlOf(provider, Webhook.Sms), text, "forged"));
        var genuine = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, text)).TwimlAsync();

        await unsigned.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
        await forged.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
        Assert.Equal(["Hi there"], Webhook.Messages(genuine).Select(m => m.Body));
    }

    [Fact]
    public async Task ASignatureMadeForAnotherUrlOrAnotherBodyDoesNotVerify()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there" });
        using var provider = api.ClientWithToken(null);
        var text = Webhook.Text(phone.PhoneNumber, body: "Are you open?");
        var smsUrl = Webhook.UrlOf(provider, Webhook.Sms);
        var httpsUrl = "https" + smsUrl["http".Length..];
        KeyValuePair<string, string>[] otherBody = [.. text.Where(f => f.Key != "Body"), new("Body", "Are you open today?")];
        KeyValuePair<string, string>[] fewerFields = [.. text.Where(f => f.Key != "Body")];

        var attempts = new[]
        {
            await Webhook.PostAsync(provider, Webhook.Sms, text, Webhook.Sign(Webhook.UrlOf(provider, Webhook.Voice), text)),
            await Webhook.PostAsync(provider, Webhook.Sms, text, Webhook.Sign(smsUrl + "?attempt=2", text)),
            await Webhook.PostAsync(provider, Webhook.Sms, text, Webhook.Sign(httpsUrl, text)),
            await Webhook.PostAsync(provider, Webhook.Sms, text, Webhook.Sign(smsUrl, otherBody)),
            await Webhook.PostAsync(provider, Webhook.Sms, text, Webhook.Sign(smsUrl, fewerFields)),
            await Webhook.PostAsync(provider, Webhook.Sms + "?attempt=2", text, Webhook.Sign(smsUrl, text)),
        };
        var genuine = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, text)).TwimlAsync();

        foreach (var response in attempts)
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
        }
        Assert.Equal(["Hi there"], Webhook.Messages(genuine).Select(m => m.Body));
    }

    [Fact]
    public async Task ASignatureCoveringTheQueryStringVerifies()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true);
        using var provider = api.ClientWithToken(null);
        const string path = Webhook.Voice + "?region=us1&attempt=1";

        var twiml = await (await Webhook.PostSignedAsync(provider, path, Webhook.Call(phone.PhoneNumber))).TwimlAsync();

        Assert.Equal(["Connect"], Webhook.Verbs(twiml));
    }

    [Fact]
    public async Task ForwardedHeadersFromAnUntrustedClientAreIgnored()
    {
        using var provider = api.ClientWithToken(null);
        var call = Webhook.Call(Numbers.NextUs());

        var response = await Webhook.PostAsync(provider, Webhook.Voice, call,
            Webhook.Sign("https://public.example/api/v2/webhooks/voice/inbound", call), Webhook.ForwardedAs("https", "public.example"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "invalid-signature");
    }

    [Fact]
    public async Task TheSameMessageSidTwiceGetsTheAutoReplyOnlyOnce()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there", forwardTo = Numbers.NextUs() });
        using var provider = api.ClientWithToken(null);
        var text = Webhook.Text(phone.PhoneNumber);

        var first = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, text)).TwimlAsync();
        var retry = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, text)).TwimlAsync();
        var another = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, Webhook.Text(phone.PhoneNumber))).TwimlAsync();

        Assert.Equal(2, Webhook.Messages(first).Count);
        Assert.Equal("Response", retry.Name.LocalName);
        Assert.Empty(retry.Nodes());
        Assert.Equal(2, Webhook.Messages(another).Count);
    }

    [Fact]
    public async Task TheSameMessageSidDeliveredTwiceAtOnceGetsTheAutoReplyOnlyOnce()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there" });
        using var provider = api.ClientWithToken(null);
        var text = Webhook.Text(phone.PhoneNumber);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await (await Webhook.PostSignedAsync(provider, Webhook.Sms, text)).TwimlAsync()));

        Assert.Equal([0, 0, 0, 1], answers.Select(a => Webhook.Messages(a).Count).Order());
    }

    [Theory]
    [InlineData(true, "We will text you back shortly.")]
    [InlineData(false, "We are closed and will text you back tomorrow.")]
    public async Task TextsGetTheOpenOrAfterHoursAutoReplyWithTheSignature(bool open, string expected)
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open, sms: new
        {
            enabled = true,
            autoReply = "We will text you back shortly.",
            afterHoursAutoReply = "We are closed and will text you back tomorrow.",
            signature = "- Harbor Dental",
        });
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, Webhook.Text(phone.PhoneNumber))).TwimlAsync();

        var reply = Assert.Single(Webhook.Messages(twiml));
        Assert.Equal((null, expected + "\n- Harbor Dental"), (reply.To, reply.Body));
    }

    [Fact]
    public async Task WithoutASignatureTheReplyIsJustTheAutoReply()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there" });
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, Webhook.Text(phone.PhoneNumber))).TwimlAsync();

        Assert.Equal(["Hi there"], Webhook.Messages(twiml).Select(m => m.Body));
    }

    [Fact]
    public async Task ForwardToAddsASecondMessageToTheForwardingNumberWithTheText()
    {
        using var tenant = await api.NewTenantAsync();
        var forwardTo = Numbers.NextUs();
        var national = $"({forwardTo[2..5]}) {forwardTo[5..8]}-{forwardTo[8..]}";
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { autoReply = "Hi there", forwardTo = national });
        using var provider = api.ClientWithToken(null);
        var text = Webhook.Text(phone.PhoneNumber, body: "Can I move my appointment to Friday?");

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, text)).TwimlAsync();

        var messages = Webhook.Messages(twiml);
        Assert.Equal(2, messages.Count);
        Assert.Equal((null, "Hi there"), (messages[0].To, messages[0].Body));
        Assert.Equal(forwardTo, messages[1].To);
        Assert.Contains("Can I move my appointment to Friday?", messages[1].Body);
        Assert.Contains(Webhook.Field(text, "From"), messages[1].Body);
        Assert.Contains(phone.DisplayName, messages[1].Body);
    }

    [Fact]
    public async Task DisabledSmsAnswersWithAnEmptyResponse()
    {
        using var tenant = await api.NewTenantAsync();
        var phone = await Webhook.LocationAsync(tenant, open: true, sms: new { enabled = false, autoReply = "Hi there", forwardTo = Numbers.NextUs() });
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Sms, Webhook.Text(phone.PhoneNumber))).TwimlAsync();

        Assert.Empty(twiml.Nodes());
    }
}
