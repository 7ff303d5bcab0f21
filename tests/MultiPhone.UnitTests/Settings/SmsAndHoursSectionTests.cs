using MultiPhone.Common;
using MultiPhone.Hours;
using MultiPhone.Settings;
using static MultiPhone.UnitTests.Settings.SectionChecks;

namespace MultiPhone.UnitTests.Settings;

public sealed class SmsAndHoursSectionTests
{
    private static string NameOf<T>() where T : class, ISettingsSection<T> => T.Name;

    [Fact]
    public void SectionsAreNamedForTheirRoutes() =>
        Assert.Equal(["voice", "rules", "hours", "sms"], [NameOf<VoiceSettings>(), NameOf<ConversationRules>(), NameOf<OperatingHours>(), NameOf<SmsSettings>()]);

    [Fact]
    public void SmsSystemDefaultIsAValidLayer() =>
        Assert.Empty(Check(SmsSettings.SystemDefault).Errors);

    [Fact]
    public void SmsForwardNumberInLocalFormatBecomesE164()
    {
        var (normalized, errors) = Check(new SmsSettings { ForwardTo = "(415) 555-0134" });

        Assert.Empty(errors);
        Assert.Equal("+14155550134", normalized.ForwardTo);
    }

    [Fact]
    public void SmsForwardNumberThatIsNotANumberIsNamed() =>
        Assert.Equal(["forwardTo"], Fields(Check(new SmsSettings { ForwardTo = "call me" }).Errors));

    [Fact]
    public void SmsLocalForwardNumberWithoutADefaultCountryIsNamed() =>
        Assert.Contains("international format", Check(new SmsSettings { ForwardTo = "415 555 0134" }, country: null).Errors["forwardTo"].Single());

    [Theory]
    [InlineData("autoReply", SmsSettings.MaxReplyLength)]
    [InlineData("afterHoursAutoReply", SmsSettings.MaxReplyLength)]
    [InlineData("signature", SmsSettings.MaxSignatureLength)]
    public void SmsTextAtItsLimitIsAcceptedAndOneCharacterMoreIsNamed(string field, int max)
    {
        Assert.Empty(Check(WithText(field, new string('x', max))).Errors);
        Assert.Equal([$"At most {max} characters."], Check(WithText(field, new string('x', max + 1))).Errors[field]);
    }

    [Fact]
    public void SmsTextsAreTrimmedBlankTextsInheritAndEnabledIsKept()
    {
        var (normalized, errors) = Check(new SmsSettings { Enabled = false, AutoReply = "  Thanks! ", AfterHoursAutoReply = " ", Signature = "\t— Acme\n" });

        Assert.Empty(errors);
        Assert.Equal(new SmsSettings { Enabled = false, AutoReply = "Thanks!", AfterHoursAutoReply = null, Signature = "— Acme" }, normalized);
    }

    [Fact]
    public void SmsHasNoCrossFieldRuleOnTheEffectiveValue()
    {
        var errors = new FieldErrors();

        CheckEffective(new SmsSettings { Enabled = true }, errors);

        Assert.False(errors.Any);
    }

    [Fact]
    public void HoursSystemDefaultIsAValidLayer() =>
        Assert.Empty(Check(OperatingHours.SystemDefault).Errors);

    [Fact]
    public void HoursLayerComesBackUnchanged()
    {
        var layer = new OperatingHours { Weekly = [new() { Day = DayOfWeek.Monday, Open = "09:00", Close = "17:00" }] };

        var (normalized, errors) = Check(layer);

        Assert.Empty(errors);
        Assert.Same(layer, normalized);
    }

    [Fact]
    public void EmptyHoursLayerInheritsEverythingWithoutErrors() =>
        Assert.Empty(Check(new OperatingHours(), country: null).Errors);

    [Fact]
    public void HoursNormalizeNamesTheSameFieldsAsHoursRules()
    {
        var layer = new OperatingHours
        {
            Weekly =
            [
                new() { Day = DayOfWeek.Monday, Open = "09:00", Close = "17:00" },
                new() { Day = DayOfWeek.Monday, Open = "12:00", Close = "13:00" },
                new() { Open = "25:00", Close = "17:00" },
            ],
            SpecialDays = [new() { Date = "2026-02-30", Closed = true }],
            Holidays = [new() { Date = "2026-12-25" }],
        };
        var direct = new FieldErrors();
        HoursRules.Validate(layer, direct);

        var errors = Check(layer).Errors;

        Assert.Equal(Messages(direct), errors);
        Assert.Equal(["holidays[0].periods", "specialDays[0].date", "weekly[1]", "weekly[2].day", "weekly[2].open"], Fields(errors));
    }

    [Fact]
    public void HoursHaveNoCrossFieldRuleOnTheEffectiveValue()
    {
        var errors = new FieldErrors();

        CheckEffective(new OperatingHours { AlwaysOpen = true, Weekly = [] }, errors);

        Assert.False(errors.Any);
    }

    private static SmsSettings WithText(string field, string text) => field switch
    {
        "autoReply" => new SmsSettings { AutoReply = text },
        "afterHoursAutoReply" => new SmsSettings { AfterHoursAutoReply = text },
        "signature" => new SmsSettings { Signature = text },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
