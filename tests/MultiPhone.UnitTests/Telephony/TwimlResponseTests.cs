using System.Xml.Linq;
using MultiPhone.Telephony;

namespace MultiPhone.UnitTests.Telephony;

public sealed class TwimlResponseTests
{
    private const string Declaration = """<?xml version="1.0" encoding="UTF-8"?>""";

    /// <summary>Parses the document back, checking the declaration and the root, and returns the verbs.</summary>
    private static XElement[] Verbs(TwimlResponse response)
    {
        var xml = response.ToXml();
        Assert.StartsWith(Declaration + "<Response", xml, StringComparison.Ordinal);
        var document = XDocument.Parse(xml);
        Assert.Equal("1.0", document.Declaration?.Version);
        Assert.Equal("UTF-8", document.Declaration?.Encoding);
        Assert.Equal("Response", document.Root!.Name.LocalName);
        Assert.Empty(document.Root.Attributes());
        return [.. document.Root.Elements()];
    }

    private static XElement Single(TwimlResponse response) => Assert.Single(Verbs(response));

    private static string[] AttributeNames(XElement element) => [.. element.Attributes().Select(a => a.Name.LocalName)];

    [Fact]
    public void EmptyResponseIsAnEmptyResponseElement()
    {
        var response = new TwimlResponse();
        Assert.Empty(Verbs(response));
        Assert.Equal(Declaration + "<Response />", response.ToXml());
        Assert.Equal(response.ToXml(), response.ToString());
    }

    [Fact]
    public void SayCarriesTextAndLanguage()
    {
        var say = Single(new TwimlResponse().Say("Thanks for calling Bella's Salon.", "en-US"));
        Assert.Equal("Say", say.Name.LocalName);
        Assert.Equal("Thanks for calling Bella's Salon.", say.Value);
        Assert.Equal(["language"], AttributeNames(say));
        Assert.Equal("en-US", (string?)say.Attribute("language"));
    }

    [Fact]
    public void SayWithoutLanguageHasNoAttributes() =>
        Assert.Empty(AttributeNames(Single(new TwimlResponse().Say("Hello"))));

    [Fact]
    public void ConnectNestsAStreamWithItsParametersInOrder()
    {
        var connect = Single(new TwimlResponse().Connect(
            "wss://agent.example.com/media?region=eu",
            [new("phoneId", "ph_123"), new("businessId", "biz_456")]));

        Assert.Equal("Connect", connect.Name.LocalName);
        Assert.Empty(AttributeNames(connect));
        var stream = Assert.Single(connect.Elements());
        Assert.Equal("Stream", stream.Name.LocalName);
        Assert.Equal("wss://agent.example.com/media?region=eu", (string?)stream.Attribute("url"));
        var parameters = stream.Elements().ToArray();
        Assert.All(parameters, p => Assert.Equal("Parameter", p.Name.LocalName));
        Assert.Equal(
            [("phoneId", "ph_123"), ("businessId", "biz_456")],
            parameters.Select(p => ((string?)p.Attribute("name"), (string?)p.Attribute("value"))).ToArray());
        Assert.All(parameters, p => Assert.Empty(p.Nodes()));
    }

    [Fact]
    public void ConnectWithoutParametersHasAnEmptyStream()
    {
        var stream = Assert.Single(Single(new TwimlResponse().Connect("wss://agent.example.com/media")).Elements());
        Assert.Empty(stream.Nodes());
    }

    [Theory]
    [InlineData("https://agent.example.com/media")]
    [InlineData("ws://agent.example.com/media")]
    [InlineData("/media")]
    [InlineData("")]
    [InlineData("wss//agent.example.com")]
    public void ConnectRefusesAnythingButAnAbsoluteWssUrl(string url) =>
        Assert.Throws<ArgumentException>(() => new TwimlResponse().Connect(url));

    [Fact]
    public void RecordCarriesMaxLengthBeepAndAction()
    {
        var record = Single(new TwimlResponse().Record(120, playBeep: false, action: "https://api.example.com/voicemail?phone=1&b=2"));
        Assert.Equal("Record", record.Name.LocalName);
        Assert.Equal("120", (string?)record.Attribute("maxLength"));
        Assert.Equal("false", (string?)record.Attribute("playBeep"));
        Assert.Equal("https://api.example.com/voicemail?phone=1&b=2", (string?)record.Attribute("action"));
        Assert.Empty(record.Nodes());
    }

    [Fact]
    public void RecordBeepsByDefaultAndOmitsAMissingAction()
    {
        var record = Single(new TwimlResponse().Record(30));
        Assert.Equal("true", (string?)record.Attribute("playBeep"));
        Assert.Equal(["maxLength", "playBeep"], AttributeNames(record).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void RecordRefusesANonPositiveMaxLength(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwimlResponse().Record(seconds));

    [Fact]
    public void DialCarriesNumberCallerIdAndTimeout()
    {
        var dial = Single(new TwimlResponse().Dial("+14155550134", callerId: "+18005551212", timeoutSeconds: 20));
        Assert.Equal("Dial", dial.Name.LocalName);
        Assert.Equal("+14155550134", dial.Value);
        Assert.Equal("+18005551212", (string?)dial.Attribute("callerId"));
        Assert.Equal("20", (string?)dial.Attribute("timeout"));
    }

    [Fact]
    public void DialWithoutOptionsHasOnlyTheNumber()
    {
        var dial = Single(new TwimlResponse().Dial("+14155550134"));
        Assert.Empty(AttributeNames(dial));
        Assert.Equal("+14155550134", dial.Value);
    }

    [Fact]
    public void DialRefusesANonPositiveTimeout() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwimlResponse().Dial("+14155550134", timeoutSeconds: 0));

    [Fact]
    public void HangupIsAnEmptyElement()
    {
        var hangup = Single(new TwimlResponse().Hangup());
        Assert.Equal("Hangup", hangup.Name.LocalName);
        Assert.Empty(hangup.Attributes());
        Assert.Empty(hangup.Nodes());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(TwimlRejectReason.Rejected, "rejected")]
    [InlineData(TwimlRejectReason.Busy, "busy")]
    public void RejectCarriesItsOptionalReason(TwimlRejectReason? reason, string? expected)
    {
        var reject = Single(new TwimlResponse().Reject(reason));
        Assert.Equal("Reject", reject.Name.LocalName);
        Assert.Equal(expected, (string?)reject.Attribute("reason"));
        Assert.Equal(expected is null ? 0 : 1, reject.Attributes().Count());
        Assert.Empty(reject.Nodes());
    }

    [Fact]
    public void RejectRefusesAnUnknownReason() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwimlResponse().Reject((TwimlRejectReason)42));

    [Fact]
    public void MessageCarriesBodyAndOptionalRecipient()
    {
        var message = Single(new TwimlResponse().Message("We open at 9am.", to: "+14155550134"));
        Assert.Equal("Message", message.Name.LocalName);
        Assert.Equal("We open at 9am.", message.Value);
        Assert.Equal("+14155550134", (string?)message.Attribute("to"));

        Assert.Empty(AttributeNames(Single(new TwimlResponse().Message("Hi"))));
    }

    [Fact]
    public void VerbsAppearInTheOrderTheyWereAdded()
    {
        var verbs = Verbs(new TwimlResponse()
            .Say("Please leave a message after the beep.")
            .Record(60, action: "https://api.example.com/recorded")
            .Say("Goodbye.")
            .Hangup());

        Assert.Equal(["Say", "Record", "Say", "Hangup"], verbs.Select(v => v.Name.LocalName));
        Assert.Equal("Goodbye.", verbs[2].Value);
    }

    [Theory]
    [InlineData("</Say><Play>https://evil.example/x.mp3</Play><Say>")]
    [InlineData("Tom & Jerry's \"best\" <b>cuts</b> ]]> <![CDATA[x]]> <!-- c --> &amp; &#60;")]
    [InlineData("<?xml version=\"1.0\"?><Response><Hangup/></Response>")]
    public void TextIsEscapedAndComesBackVerbatim(string text)
    {
        var response = new TwimlResponse().Say(text).Message(text).Dial(text);
        var xml = response.ToXml();

        Assert.DoesNotContain("<Play", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Hangup", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", xml, StringComparison.Ordinal);
        Assert.Contains("&lt;", xml, StringComparison.Ordinal);
        var verbs = Verbs(response);
        Assert.Equal(3, verbs.Length);
        Assert.All(verbs, v => Assert.Equal(text, v.Value));
        Assert.All(verbs, v => Assert.Empty(v.Elements()));
    }

    [Fact]
    public void AmpersandsInTextAreEscaped() =>
        Assert.Contains("<Say>Tom &amp; Jerry</Say>", new TwimlResponse().Say("Tom & Jerry").ToXml(), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"/><Hangup/><Parameter name=\"x")]
    [InlineData("a'b\"c<d>e&f")]
    [InlineData("line1\nline2\ttab\rcr")]
    public void AttributesAreEscapedAndComeBackVerbatim(string value)
    {
        var response = new TwimlResponse()
            .Connect("wss://agent.example.com/media", [new("greeting", value), new(value, "v")])
            .Say("x", language: value)
            .Record(10, action: value)
            .Dial("+1", callerId: value)
            .Message("x", to: value);
        var xml = response.ToXml();

        Assert.DoesNotContain("<Hangup", xml, StringComparison.Ordinal);
        var verbs = Verbs(response);
        Assert.Equal(["Connect", "Say", "Record", "Dial", "Message"], verbs.Select(v => v.Name.LocalName));
        var parameters = verbs[0].Element("Stream")!.Elements("Parameter").ToArray();
        Assert.Equal(2, parameters.Length);
        Assert.Equal(value, (string?)parameters[0].Attribute("value"));
        Assert.Equal(value, (string?)parameters[1].Attribute("name"));
        Assert.Equal(value, (string?)verbs[1].Attribute("language"));
        Assert.Equal(value, (string?)verbs[2].Attribute("action"));
        Assert.Equal(value, (string?)verbs[3].Attribute("callerId"));
        Assert.Equal(value, (string?)verbs[4].Attribute("to"));
    }

    [Fact]
    public void QuotesInAttributesAreEscaped() =>
        Assert.Contains(
            "value=\"say &quot;hi&quot; &amp; &lt;bye&gt;\"",
            new TwimlResponse().Connect("wss://a.example/m", [new("g", "say \"hi\" & <bye>")]).ToXml(),
            StringComparison.Ordinal);

    [Fact]
    public void MultiLineSmsBodiesKeepTheirLineBreaks()
    {
        const string body = "Hours:\nMon-Fri 9-5\n  Sat 10-2";
        Assert.Equal(body, Single(new TwimlResponse().Message(body)).Value);
    }

    [Fact]
    public void CharactersXmlCannotCarryAreDroppedButEmojiSurvive()
    {
        var message = Single(new TwimlResponse().Message("hi\u0001 there\u0008\uFFFE\uD800 😀 ü", to: "+1\u0000555"));
        Assert.Equal("hi there 😀 ü", message.Value);
        Assert.Equal("+1555", (string?)message.Attribute("to"));
    }

    [Fact]
    public void MissingTextIsAProgrammingError()
    {
        Assert.Throws<ArgumentNullException>(() => new TwimlResponse().Say(null!));
        Assert.Throws<ArgumentNullException>(() => new TwimlResponse().Message(null!));
        Assert.Throws<ArgumentNullException>(() => new TwimlResponse().Dial(null!));
    }
}
