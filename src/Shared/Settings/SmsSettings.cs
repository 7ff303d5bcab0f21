
namespace MultiPhone.Settings;

/// <summary>How a location answers text messages.</summary>
public sealed record SmsSettings : ISettingsSection<SmsSettings>
{
    /// <summary>Ten SMS segments; longer replies get split badly by carriers.</summary>
    public const int MaxReplyLength = 1600;
    public const int MaxSignatureLength = 100;

    public bool? Enabled { get; init; }

    [StringLength(MaxReplyLength)]
    public string? AutoReply { get; init; }

    [StringLength(MaxReplyLength)]
    public string? AfterHoursAutoReply { get; init; }

    /// <summary>Also forward every inbound message to this number (E.164).</summary>
    [StringLength(32)]
    public string? ForwardTo { get; init; }

    [StringLength(MaxSignatureLength)]
    public string? Signature { get; init; }

    public static string Name => "sms";

    public static SmsSettings SystemDefault { get; } = new()
    {
        Enabled = true,
        AutoReply = "Thanks for your message! We'll reply shortly.",
        AfterHoursAutoReply = "Thanks for your message. We're closed right now and will reply when we reopen.",
        ForwardTo = null,
        Signature = null,
    };

    public static SmsSettings Normalize(SmsSettings layer, SectionContext context, FieldErrors errors) => layer with
    {
        AutoReply = errors.OptionalText("autoReply", layer.AutoReply, MaxReplyLength),
        AfterHoursAutoReply = errors.OptionalText("afterHoursAutoReply", layer.AfterHoursAutoReply, MaxReplyLength),
        ForwardTo = errors.Phone("forwardTo", layer.ForwardTo, context),
        Signature = errors.OptionalText("signature", layer.Signature, MaxSignatureLength),
    };
}
