using MultiPhone.Common;
using MultiPhone.Settings;
using static MultiPhone.UnitTests.Settings.SectionChecks;

namespace MultiPhone.UnitTests.Settings;

public sealed class VoiceSettingsTests
{
    [Fact]
    public void SystemDefaultIsAValidLayer() =>
        Assert.Empty(Check(VoiceSettings.SystemDefault).Errors);

    [Fact]
    public void EmptyLayerIsValidAndStaysEmpty()
    {
        var (normalized, errors) = Check(new VoiceSettings(), country: null);

        Assert.Empty(errors);
        Assert.Equal(new VoiceSettings(), normalized);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void SpeakingRateWithinBoundsIsAccepted(double rate) =>
        Assert.Empty(Check(new VoiceSettings { SpeakingRate = rate }).Errors);

    [Theory]
    [InlineData(0.49)]
    [InlineData(2.01)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SpeakingRateOutsideBoundsIsNamed(double rate) =>
        Assert.Equal(["Must be between 0.5 and 2."], Check(new VoiceSettings { SpeakingRate = rate }).Errors["speakingRate"]);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(241)]
    public void MaxCallMinutesOutsideOneTo240IsNamed(int minutes) =>
        Assert.Equal(["maxCallMinutes"], Fields(Check(new VoiceSettings { MaxCallMinutes = minutes }).Errors));

    [Theory]
    [InlineData(1)]
    [InlineData(240)]
    public void MaxCallMinutesAtTheBoundsIsAccepted(int minutes) =>
        Assert.Empty(Check(new VoiceSettings { MaxCallMinutes = minutes }).Errors);

    [Theory]
    [InlineData("en-US")]
    [InlineData("es-419")]
    [InlineData("zh-Hant-TW")]
    [InlineData("fr")]
    [InlineData("pt-BR")]
    public void WellFormedTagsOfKnownLanguagesAreAccepted(string tag)
    {
        var (normalized, errors) = Check(new VoiceSettings { Language = tag });

        Assert.Empty(errors);
        Assert.Equal(tag, normalized.Language);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("xx-YY")]
    [InlineData("en-")]
    [InlineData("e")]
    [InlineData("en-US-")]
    public void MalformedOrUnknownLanguageTagsAreNamed(string tag)
    {
        var errors = Check(new VoiceSettings { Language = tag }).Errors;

        Assert.Equal(["language"], Fields(errors));
        Assert.Contains("BCP-47", errors["language"].Single());
    }

    [Fact]
    public void LanguageTagIsTrimmedAndBlankMeansInherit()
    {
        Assert.Equal("en-US", Check(new VoiceSettings { Language = "  en-US " }).Normalized.Language);
        Assert.Null(Check(new VoiceSettings { Language = "   " }).Normalized.Language);
    }

    [Theory]
    [InlineData("(415) 555-0134")]
    [InlineData("415.555.0134")]
    [InlineData("+1 415 555 0134")]
    public void TransferNumberInLocalFormatBecomesE164WithTheDefaultCountry(string number)
    {
        var (normalized, errors) = Check(new VoiceSettings { TransferNumber = number });

        Assert.Empty(errors);
        Assert.Equal("+14155550134", normalized.TransferNumber);
    }

    [Fact]
    public void TransferNumberIsReadWithTheBusinessCountry() =>
        Assert.Equal("+442079460958", Check(new VoiceSettings { TransferNumber = "020 7946 0958" }, country: "GB").Normalized.TransferNumber);

    [Fact]
    public void LocalTransferNumberWithoutADefaultCountryIsNamed()
    {
        var errors = Check(new VoiceSettings { TransferNumber = "(415) 555-0134" }, country: null).Errors;

        Assert.Contains("international format", errors["transferNumber"].Single());
    }

    [Theory]
    [InlineData("not a number")]
    [InlineData("+1 415 555")]
    public void InvalidTransferNumberIsNamed(string number) =>
        Assert.Equal(["transferNumber"], Fields(Check(new VoiceSettings { TransferNumber = number }).Errors));

    [Fact]
    public void BlankTransferNumberMeansInherit()
    {
        var (normalized, errors) = Check(new VoiceSettings { TransferNumber = "  " });

        Assert.Empty(errors);
        Assert.Null(normalized.TransferNumber);
    }

    [Theory]
    [InlineData("agentName", VoiceSettings.MaxAgentNameLength)]
    [InlineData("greeting", VoiceSettings.MaxGreetingLength)]
    [InlineData("voiceId", VoiceSettings.MaxVoiceIdLength)]
    [InlineData("instructions", VoiceSettings.MaxInstructionsLength)]
    public void TextAtItsLimitIsAcceptedAndOneCharacterMoreIsNamed(string field, int max)
    {
        Assert.Empty(Check(WithText(field, new string('x', max))).Errors);
        Assert.Equal([$"At most {max} characters."], Check(WithText(field, new string('x', max + 1))).Errors[field]);
    }

    [Fact]
    public void TextsAreTrimmedAndBlankTextsMeanInherit()
    {
        var (normalized, errors) = Check(new VoiceSettings { AgentName = "  Ava ", Greeting = " \n ", Instructions = "\tBe brief.\n" });

        Assert.Empty(errors);
        Assert.Equal("Ava", normalized.AgentName);
        Assert.Null(normalized.Greeting);
        Assert.Equal("Be brief.", normalized.Instructions);
    }

    [Fact]
    public void EveryBadFieldIsNamedAtOnce()
    {
        var errors = Check(new VoiceSettings { SpeakingRate = 3, MaxCallMinutes = 0, Language = "english", TransferNumber = "nope", AgentName = new string('x', 101) }).Errors;

        Assert.Equal(["agentName", "language", "maxCallMinutes", "speakingRate", "transferNumber"], Fields(errors));
    }

    [Fact]
    public void VoiceHasNoCrossFieldRuleOnTheEffectiveValue()
    {
        var errors = new FieldErrors();

        CheckEffective(new VoiceSettings(), errors);

        Assert.False(errors.Any);
    }

    [Fact]
    public void SectionIsNamedVoice() => Assert.Equal("voice", SectionName<VoiceSettings>());

    private static string SectionName<T>() where T : class, ISettingsSection<T> => T.Name;

    private static VoiceSettings WithText(string field, string text) => field switch
    {
        "agentName" => new VoiceSettings { AgentName = text },
        "greeting" => new VoiceSettings { Greeting = text },
        "voiceId" => new VoiceSettings { VoiceId = text },
        "instructions" => new VoiceSettings { Instructions = text },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
