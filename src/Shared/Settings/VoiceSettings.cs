
namespace MultiPhone.Settings;

public enum VoiceProvider
{
    Azure,
    ElevenLabs,
    OpenAi,
    Google,
    Amazon,
    Cartesia,
}

/// <summary>How the voice agent sounds and behaves on a call.</summary>
public sealed record VoiceSettings : ISettingsSection<VoiceSettings>
{
    public const int MaxAgentNameLength = 100;
    public const int MaxGreetingLength = 1000;
    public const int MaxVoiceIdLength = 200;
    public const int MaxInstructionsLength = 10_000;
    public const double MinSpeakingRate = 0.5;
    public const double MaxSpeakingRate = 2.0;
    public const int MaxCallMinutesLimit = 240;

    [StringLength(MaxAgentNameLength)]
    public string? AgentName { get; init; }

    [StringLength(MaxGreetingLength)]
    public string? Greeting { get; init; }

    /// <summary>BCP-47 tag, e.g. en-US.</summary>
    [StringLength(35)]
    public string? Language { get; init; }

    public VoiceProvider? VoiceProvider { get; init; }

    [StringLength(MaxVoiceIdLength)]
    public string? VoiceId { get; init; }

    [Range(MinSpeakingRate, MaxSpeakingRate)]
    public double? SpeakingRate { get; init; }

    [StringLength(MaxInstructionsLength)]
    public string? Instructions { get; init; }

    /// <summary>Where to transfer callers who ask for a person; any common format, stored as E.164.</summary>
    [StringLength(32)]
    public string? TransferNumber { get; init; }

    public bool? RecordCalls { get; init; }

    [Range(1, MaxCallMinutesLimit)]
    public int? MaxCallMinutes { get; init; }

    public static string Name => "voice";

    public static VoiceSettings SystemDefault { get; } = new()
    {
        AgentName = "Receptionist",
        Greeting = "Hello, thank you for calling. How can I help you today?",
        Language = "en-US",
        VoiceProvider = Settings.VoiceProvider.Azure,
        VoiceId = "en-US-AvaMultilingualNeural",
        SpeakingRate = 1.0,
        Instructions = "Be friendly, brief and helpful. When you do not know an answer, offer to take a message.",
        TransferNumber = null,
        RecordCalls = false,
        MaxCallMinutes = 30,
    };

    public static VoiceSettings Normalize(VoiceSettings layer, SectionContext context, FieldErrors errors)
    {
        errors.Range("speakingRate", layer.SpeakingRate, MinSpeakingRate, MaxSpeakingRate);
        errors.Range("maxCallMinutes", layer.MaxCallMinutes, 1, MaxCallMinutesLimit);
        return layer with
        {
            AgentName = errors.OptionalText("agentName", layer.AgentName, MaxAgentNameLength),
            Greeting = errors.OptionalText("greeting", layer.Greeting, MaxGreetingLength),
            Language = errors.Language("language", layer.Language),
            VoiceId = errors.OptionalText("voiceId", layer.VoiceId, MaxVoiceIdLength),
            Instructions = errors.OptionalText("instructions", layer.Instructions, MaxInstructionsLength),
            TransferNumber = errors.Phone("transferNumber", layer.TransferNumber, context),
        };
    }
}
