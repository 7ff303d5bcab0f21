using MultiPhone.AgentConfig;
using MultiPhone.Settings;

namespace MultiPhone.Telephony;

/// <summary>What a location does with an inbound call or text, given its configuration: the TwiML to answer with.</summary>
public static class InboundResponses
{
    public const string NotInService = "The number you have called is not in service.";
    public const string MessageThanks = "Thank you. Your message has been recorded. Goodbye.";

    /// <summary>
    /// Open: hand the call to the voice agent, with the ids it needs to load the configuration. Closed: what the
    /// after-hours rule says. Inactive: not in service.
    /// </summary>
    public static string ForCall(AgentConfiguration config, InboundCall call, TelephonyOptions options, string recordingActionUrl)
    {
        var voice = config.Voice.Effective;
        var response = new TwimlResponse();
        if (!config.Phone.IsActive)
        {
            return response.Say(NotInService, voice.Language).Hangup().ToXml();
        }
        var afterHours = config.Rules.Effective.AfterHours!;
        if (config.OpenNow || afterHours.Action == AfterHoursAction.HandToAgent)
        {
            return response.Connect(options.AgentStreamUrl, new Dictionary<string, string>
            {
                ["businessId"] = config.Business.Id,
                ["phoneId"] = config.Phone.Id,
                ["callSid"] = call.CallSid,
                ["from"] = call.From,
                ["openNow"] = config.OpenNow ? "true" : "false",
                ["configVersion"] = config.Version,
            }).ToXml();
        }
        if (afterHours.Message is { } message && afterHours.Action is not AfterHoursAction.HangUp)
        {
            response.Say(message, voice.Language);
        }
        return afterHours.Action switch
        {
            AfterHoursAction.Transfer when afterHours.TransferTo is { } number => response.Dial(number, callerId: config.Phone.PhoneNumber).ToXml(),
            AfterHoursAction.Answer or AfterHoursAction.HangUp => response.Hangup().ToXml(),
            // Take a message, also when a transfer has no number to go to.
            _ => response.Record(options.MaxMessageSeconds, playBeep: true, action: recordingActionUrl).ToXml(),
        };
    }

    /// <summary>The auto-reply (open or after hours, with the signature), plus a copy to the forwarding number.</summary>
    public static string ForText(AgentConfiguration config, InboundText text)
    {
        var sms = config.Sms.Effective;
        var response = new TwimlResponse();
        if (!config.Phone.IsActive || sms.Enabled != true)
        {
            return response.ToXml();
        }
        var reply = config.OpenNow ? sms.AutoReply : sms.AfterHoursAutoReply;
        if (!string.IsNullOrEmpty(reply))
        {
            response.Message(sms.Signature is { Length: > 0 } signature ? $"{reply}\n{signature}" : reply);
        }
        if (sms.ForwardTo is { } forwardTo)
        {
            response.Message($"From {text.From} to {config.Phone.DisplayName}: {text.Body}", to: forwardTo);
        }
        return response.ToXml();
    }
}

public sealed record InboundCall(string CallSid, string From, string To);

public sealed record InboundText(string MessageSid, string From, string To, string Body);
