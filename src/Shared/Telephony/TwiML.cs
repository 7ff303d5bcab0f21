using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MultiPhone.Telephony;

/// <summary>Why a call is refused with <see cref="TwimlResponse.Reject"/>; Twilio plays the matching tone.</summary>
public enum TwimlRejectReason
{
    Rejected,
    Busy,
}

/// <summary>
/// Builds a TwiML document (<c>&lt;Response&gt;</c>) verb by verb, in call order:
/// <c>new TwimlResponse().Say("Hello", "en-US").Hangup().ToXml()</c>.
/// Every text and attribute is XML-escaped, and characters XML cannot carry (control characters, lone surrogates)
/// are dropped, so caller- or business-controlled text can never add markup or break the document.
/// Voice verbs answer a call webhook; <see cref="Message"/> answers an SMS webhook.
/// </summary>
public sealed class TwimlResponse
{
    private readonly XElement _response = new("Response");

    /// <summary>Speaks <paramref name="text"/>; <paramref name="language"/> is a tag such as <c>en-US</c>.</summary>
    public TwimlResponse Say(string text, string? language = null) =>
        Add(new XElement("Say", Attr("language", language), Clean(text, nameof(text))));

    /// <summary>
    /// Hands the call's audio to a bidirectional media stream (<c>&lt;Connect&gt;&lt;Stream url&gt;</c>);
    /// each parameter becomes a <c>&lt;Parameter name value/&gt;</c> the stream receives in its start message.
    /// </summary>
    public TwimlResponse Connect(string streamUrl, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        if (!Uri.TryCreate(streamUrl, UriKind.Absolute, out var uri) || uri.Scheme != "wss")
        {
            throw new ArgumentException("A media stream URL must be an absolute wss:// URL.", nameof(streamUrl));
        }

        var stream = new XElement("Stream", Attr("url", streamUrl));
        foreach (var (name, value) in parameters ?? [])
        {
            stream.Add(new XElement("Parameter",
                new XAttribute("name", Clean(name, nameof(parameters))),
                new XAttribute("value", Clean(value ?? "", nameof(parameters)))));
        }
        return Add(new XElement("Connect", stream));
    }

    /// <summary>Records the caller for at most <paramref name="maxLengthSeconds"/>; Twilio then requests <paramref name="action"/> if given.</summary>
    public TwimlResponse Record(int maxLengthSeconds, bool playBeep = true, string? action = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLengthSeconds);
        return Add(new XElement("Record",
            Attr("action", action),
            new XAttribute("maxLength", maxLengthSeconds),
            new XAttribute("playBeep", playBeep)));
    }

    /// <summary>Connects the call to <paramref name="number"/>, ringing it for at most <paramref name="timeoutSeconds"/>.</summary>
    public TwimlResponse Dial(string number, string? callerId = null, int? timeoutSeconds = null)
    {
        XAttribute? timeout = null;
        if (timeoutSeconds is { } seconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds, nameof(timeoutSeconds));
            timeout = new XAttribute("timeout", seconds);
        }
        return Add(new XElement("Dial", Attr("callerId", callerId), timeout,
            Clean(number, nameof(number))));
    }

    public TwimlResponse Hangup() => Add(new XElement("Hangup"));

    /// <summary>Refuses the call without answering it (so it is not billed).</summary>
    public TwimlResponse Reject(TwimlRejectReason? reason = null) =>
        Add(new XElement("Reject", reason switch
        {
            null => null,
            TwimlRejectReason.Busy => new XAttribute("reason", "busy"),
            TwimlRejectReason.Rejected => new XAttribute("reason", "rejected"),
            _ => throw new ArgumentOutOfRangeException(nameof(reason)),
        }));

    /// <summary>Replies with an SMS; <paramref name="to"/> defaults (on Twilio's side) to the sender of the inbound message.</summary>
    public TwimlResponse Message(string body, string? to = null) =>
        Add(new XElement("Message", Attr("to", to), Clean(body, nameof(body))));

    /// <summary>The document, with an XML declaration and no insignificant whitespace.</summary>
    public string ToXml() =>
        """<?xml version="1.0" encoding="UTF-8"?>""" + _response.ToString(SaveOptions.DisableFormatting);

    public override string ToString() => ToXml();

    private TwimlResponse Add(XElement verb)
    {
        _response.Add(verb);
        return this;
    }

    private static XAttribute? Attr(string name, string? value) =>
        value is null ? null : new XAttribute(name, Clean(value, name));

    /// <summary>Drops what XML 1.0 cannot represent; everything else is escaped by the writer.</summary>
    private static string Clean(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        var kept = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                kept.Append(value[i]).Append(value[++i]);
            }
            else if (XmlConvert.IsXmlChar(value[i]))
            {
                kept.Append(value[i]);
            }
        }
        return kept.Length == value.Length ? value : kept.ToString();
    }
}
