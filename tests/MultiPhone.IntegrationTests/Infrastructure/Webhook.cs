using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using MultiPhone.Telephony;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>Signed webhook requests and TwiML reading, as the telephony provider would send and read them.</summary>
internal static class Webhook
{
    public const string Voice = "/api/v2/webhooks/voice/inbound";
    public const string Recorded = "/api/v2/webhooks/voice/recorded";
    public const string Sms = "/api/v2/webhooks/sms/inbound";
    public const string AccountSid = "AC00000000000000000000000000000000";

    public static readonly object AlwaysOpen = new { alwaysOpen = true };

    public static readonly object NeverOpen = new { alwaysOpen = false, weekly = Array.Empty<object>(), specialDays = Array.Empty<object>(), holidays = Array.Empty<object>() };

    public static KeyValuePair<string, string>[] Form(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))];

    public static KeyValuePair<string, string>[] Call(string to) => Form(
        ("AccountSid", AccountSid), ("CallSid", "CA" + Guid.NewGuid().ToString("N")), ("From", Numbers.NextUs()), ("To", to),
        ("CallStatus", "ringing"), ("Direction", "inbound"));

    public static KeyValuePair<string, string>[] Text(string to, string body = "Hello, are you open?") => Form(
        ("AccountSid", AccountSid), ("MessageSid", "SM" + Guid.NewGuid().ToString("N")), ("From", Numbers.NextUs()), ("To", to),
        ("Body", body), ("NumMedia", "0"));

    public static string Field(IEnumerable<KeyValuePair<string, string>> form, string name) => form.Single(f => f.Key == name).Value;

    /// <summary>The URL the client calls: its base address plus the path (and query).</summary>
    public static string UrlOf(HttpClient client, string pathAndQuery) => new Uri(client.BaseAddress!, pathAndQuery).AbsoluteUri;

    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> form) =>
        TwilioSignature.Compute(url, form, ApiFactory.TelephonyAuthToken);

    public static Action<HttpRequestMessage> ForwardedAs(string proto, string host) => request =>
    {
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-Host", host);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
    };

    public static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> form) =>
        PostAsync(client, pathAndQuery, form, Sign(UrlOf(client, pathAndQuery), form));

    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> form, string? signature, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature);
        }
        configure?.Invoke(request);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts a 200 TwiML answer and returns its &lt;Response&gt; element.</summary>
    public static async Task<XElement> TwimlAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }

    public static string[] Verbs(XElement response) => [.. response.Elements().Select(e => e.Name.LocalName)];

    public static Dictionary<string, string> Parameters(XElement stream) =>
        stream.Elements("Parameter").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);

    public static IReadOnlyList<(string? To, string Body)> Messages(XElement response)
    {
        Assert.All(response.Elements(), verb => Assert.Equal("Message", verb.Name.LocalName));
        return [.. response.Elements().Select(m => ((string?)m.Attribute("to"), m.Value))];
    }

    /// <summary>A phone of the tenant, open around the clock or never, with the given after-hours rule and SMS settings.</summary>
    public static async Task<PhoneNumberResponse> LocationAsync(Tenant tenant, bool open, object? afterHours = null, object? sms = null)
    {
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Harbor Dental - Mission");
        await PutSectionAsync(tenant, phone.Id, "hours", open ? AlwaysOpen : NeverOpen);
        if (afterHours is not null)
        {
            await PutSectionAsync(tenant, phone.Id, "rules", new { afterHours });
        }
        if (sms is not null)
        {
            await PutSectionAsync(tenant, phone.Id, "sms", sms);
        }
        return phone;
    }

    public static async Task PutSectionAsync(Tenant tenant, string phoneId, string section, object body)
    {
        var response = await tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path($"/phone-numbers/{phoneId}/settings/{section}"), body, ifMatch: "\"v0\"");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"PUT {section}: {(int)response.StatusCode} {text}");
    }
}
