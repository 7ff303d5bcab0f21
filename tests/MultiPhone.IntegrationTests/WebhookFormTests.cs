using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

/// <summary>What the webhooks do with a body the provider could not have sent: refused before anything else runs.</summary>
public sealed class WebhookFormTests(ApiFactory api)
{
    [Theory]
    [InlineData(Webhook.Voice)]
    [InlineData(Webhook.Sms)]
    public async Task ABodyThatIsNotAFormIsUnsupportedMediaType(string path)
    {
        using var provider = api.ClientWithToken(null);
        var url = Webhook.UrlOf(provider, path);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(new { CallSid = "CA1", From = Numbers.NextUs(), To = Numbers.NextUs() }),
        };
        request.Headers.Add("X-Twilio-Signature", Webhook.Sign(url, []));

        var response = await provider.SendAsync(request, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData(Webhook.Voice, "CallSid,From,To")]
    [InlineData(Webhook.Sms, "From,MessageSid,To")]
    public async Task MissingFieldsAreAValidationErrorNamingEachOfThem(string path, string names)
    {
        using var provider = api.ClientWithToken(null);
        var blank = Webhook.Form(("AccountSid", Webhook.AccountSid), ("From", "  "));

        var response = await Webhook.PostSignedAsync(provider, path, blank);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(names.Split(',').Order(StringComparer.Ordinal), problem.ErrorFields().Order(StringComparer.Ordinal));
    }

    /// <summary>Forms no one could have signed: a control character in a value, multipart that breaks off.</summary>
    public static TheoryData<string, string, string> UnreadableForms() => new()
    {
        { Webhook.Sms, "application/x-www-form-urlencoded", "To=%00" },
        { Webhook.Voice, "application/x-www-form-urlencoded", "CallSid=CA1&To=%2B1415%00" },
        { Webhook.Sms, "multipart/form-data; boundary=xyz", "--xyz\r\nbroken" },
        { Webhook.Voice, "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"To\"\r\n\r\n+1415" },
        { Webhook.Recorded, "multipart/form-data", "" },
    };

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task AnUnreadableFormIsABadRequestBeforeTheSignatureIsChecked(string path, string contentType, string body)
    {
        using var anonymous = api.ClientWithToken(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }
}
