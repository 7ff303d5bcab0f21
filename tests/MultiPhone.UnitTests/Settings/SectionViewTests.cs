using System.Text.Json.Nodes;
using MultiPhone.Common;
using MultiPhone.Hours;
using MultiPhone.Settings;

namespace MultiPhone.UnitTests.Settings;

/// <summary>The inheritance rule on the real sections, through <see cref="SectionView{T}.Resolve"/>.</summary>
public sealed class SectionViewTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SectionDocument Doc<T>(string scope, T layer, long version = 1)
        where T : class, ISettingsSection<T> => Doc<T>(scope, SectionJson<T>.ToJson(layer), version);

    private static SectionDocument Doc<T>(string scope, JsonObject? value, long version = 1)
        where T : class, ISettingsSection<T> => new()
        {
            Id = SectionDocument.IdOf(scope, T.Name),
            BusinessId = "biz-1",
            Scope = scope,
            Section = T.Name,
            Version = version,
            Value = value,
            UpdatedAt = At,
        };

    private static SectionDocument Business<T>(T layer) where T : class, ISettingsSection<T> => Doc(SectionDocument.DefaultsScope, layer);

    private static SectionDocument Phone<T>(T layer) where T : class, ISettingsSection<T> => Doc("phone-1", layer);

    private static SectionView<T> ForPhone<T>(SectionDocument? business, SectionDocument? phone) where T : class, ISettingsSection<T> =>
        SectionView<T>.Resolve(business, phone, forPhone: true);

    [Fact]
    public void PhoneOverridingOnlyTheAfterHoursActionKeepsTheBusinessMessageAndTheSystemNumber()
    {
        var business = Business(new ConversationRules { AfterHours = new AfterHoursRule { Action = AfterHoursAction.Answer, Message = "We open at nine." } });
        var phone = Phone(new ConversationRules { AfterHours = new AfterHoursRule { Action = AfterHoursAction.HangUp } });

        var view = ForPhone<ConversationRules>(business, phone);

        Assert.Equal(new AfterHoursRule { Action = AfterHoursAction.HangUp, Message = "We open at nine.", TransferTo = null }, view.Effective.AfterHours);
        Assert.Equal(SettingSource.Phone, view.Sources["afterHours.action"]);
        Assert.Equal(SettingSource.Business, view.Sources["afterHours.message"]);
        Assert.Equal(SettingSource.System, view.Sources["afterHours.transferTo"]);
        Assert.False(view.Sources.ContainsKey("afterHours"));
    }

    [Fact]
    public void PhoneRefusedTopicsReplaceTheBusinessListWhole()
    {
        var business = Business(new ConversationRules { RefusedTopics = ["politics", "religion"] });
        var phone = Phone(new ConversationRules { RefusedTopics = ["competitors"] });

        var view = ForPhone<ConversationRules>(business, phone);

        Assert.Equal(["competitors"], view.Effective.RefusedTopics!);
        Assert.Equal(SettingSource.Phone, view.Sources["refusedTopics"]);
    }

    [Fact]
    public void EmptyPhoneListReplacesTheBusinessListRatherThanInheritingIt()
    {
        var business = Business(new ConversationRules { RefusedTopics = ["politics"] });
        var phone = Phone(new ConversationRules { RefusedTopics = [] });

        var view = ForPhone<ConversationRules>(business, phone);

        Assert.Empty(view.Effective.RefusedTopics!);
        Assert.Equal(SettingSource.Phone, view.Sources["refusedTopics"]);
    }

    [Fact]
    public void BusinessRulesListIsInheritedWholeWhenThePhoneSetsOtherFields()
    {
        ConversationRule[] rules = [new() { When = "the caller asks for prices", Action = RuleAction.Answer, Answer = "From $20." }];
        var business = Business(new ConversationRules { Rules = rules });
        var phone = Phone(new ConversationRules { RefusedTopics = ["politics"] });

        var view = ForPhone<ConversationRules>(business, phone);

        Assert.Equal(rules, view.Effective.Rules!);
        Assert.Equal(SettingSource.Business, view.Sources["rules"]);
        Assert.Equal(SettingSource.System, view.Sources["escalationContacts"]);
        Assert.Empty(view.Effective.EscalationContacts!);
    }

    [Fact]
    public void NullGreetingInTheOverrideInheritsTheBusinessGreeting()
    {
        var business = Business(new VoiceSettings { Greeting = "Welcome to Acme." });
        var phone = Doc<VoiceSettings>("phone-1", JsonNode.Parse("""{ "greeting": null, "agentName": "Ava" }""")!.AsObject());

        var view = ForPhone<VoiceSettings>(business, phone);

        Assert.Equal("Welcome to Acme.", view.Effective.Greeting);
        Assert.Equal(SettingSource.Business, view.Sources["greeting"]);
        Assert.Equal("Ava", view.Effective.AgentName);
        Assert.Equal(SettingSource.Phone, view.Sources["agentName"]);
    }

    [Fact]
    public void NullGreetingEverywhereAboveFallsBackToTheSystemGreeting()
    {
        var business = Doc<VoiceSettings>(SectionDocument.DefaultsScope, JsonNode.Parse("""{ "greeting": null }""")!.AsObject());
        var phone = Phone(new VoiceSettings { Greeting = null });

        var view = ForPhone<VoiceSettings>(business, phone);

        Assert.Equal(VoiceSettings.SystemDefault.Greeting, view.Effective.Greeting);
        Assert.Equal(SettingSource.System, view.Sources["greeting"]);
    }

    [Fact]
    public void TransferNumberLeftNullBySystemIsDefinedWithSourceSystem()
    {
        var view = ForPhone<VoiceSettings>(Business(new VoiceSettings { AgentName = "Ava" }), Phone(new VoiceSettings { SpeakingRate = 1.2 }));

        Assert.Null(view.Effective.TransferNumber);
        Assert.Equal(SettingSource.System, view.Sources["transferNumber"]);
    }

    [Fact]
    public void SystemLayerKeepsItsNullsWhileAStoredLayerOmitsThem()
    {
        Assert.True(SectionJson<VoiceSettings>.SystemLayer.TryGetPropertyValue("transferNumber", out var transfer));
        Assert.Null(transfer);
        Assert.False(SectionJson<VoiceSettings>.ToJson(new VoiceSettings { AgentName = "Ava" })!.ContainsKey("transferNumber"));
        Assert.Null(SectionJson<VoiceSettings>.ToJson(null));
    }

    [Fact]
    public void WithoutAnyLayerEveryFieldComesFromTheSystem()
    {
        var view = ForPhone<VoiceSettings>(null, null);

        Assert.Equal(VoiceSettings.SystemDefault, view.Effective);
        Assert.Null(view.Layer);
        Assert.Equal(0, view.Version);
        Assert.Null(view.UpdatedAt);
        Assert.Equal(
            ["agentName", "greeting", "instructions", "language", "maxCallMinutes", "recordCalls", "speakingRate", "transferNumber", "voiceId", "voiceProvider"],
            view.Sources.Keys);
        Assert.All(view.Sources.Values, source => Assert.Equal(SettingSource.System, source));
    }

    [Fact]
    public void PhoneScalarBeatsBusinessScalarWhichBeatsSystem()
    {
        var business = Business(new VoiceSettings { SpeakingRate = 0.8, Language = "es-MX", VoiceProvider = VoiceProvider.ElevenLabs });
        var phone = Phone(new VoiceSettings { SpeakingRate = 1.5 });

        var view = ForPhone<VoiceSettings>(business, phone);

        Assert.Equal(1.5, view.Effective.SpeakingRate);
        Assert.Equal("es-MX", view.Effective.Language);
        Assert.Equal(VoiceProvider.ElevenLabs, view.Effective.VoiceProvider);
        Assert.Equal(VoiceSettings.SystemDefault.MaxCallMinutes, view.Effective.MaxCallMinutes);
        Assert.Equal(SettingSource.Phone, view.Sources["speakingRate"]);
        Assert.Equal(SettingSource.Business, view.Sources["voiceProvider"]);
        Assert.Equal(SettingSource.System, view.Sources["maxCallMinutes"]);
    }

    [Fact]
    public void FalseInTheOverrideIsAValueNotAnAbsence()
    {
        var view = ForPhone<VoiceSettings>(Business(new VoiceSettings { RecordCalls = true }), Phone(new VoiceSettings { RecordCalls = false }));

        Assert.False(view.Effective.RecordCalls);
        Assert.Equal(SettingSource.Phone, view.Sources["recordCalls"]);
    }

    [Fact]
    public void BusinessViewIgnoresThePhoneLayerAndReportsItsOwnVersion()
    {
        var business = Doc(SectionDocument.DefaultsScope, new SmsSettings { Signature = "— Acme" }, version: 7);
        var phone = Doc("phone-1", new SmsSettings { Signature = "— Acme Downtown", Enabled = false }, version: 3);

        var view = SectionView<SmsSettings>.Resolve(business, phone, forPhone: false);

        Assert.Equal("— Acme", view.Effective.Signature);
        Assert.Equal(SmsSettings.SystemDefault.Enabled, view.Effective.Enabled);
        Assert.Equal(new SmsSettings { Signature = "— Acme" }, view.Layer);
        Assert.Equal(7, view.Version);
        Assert.Equal("\"v7\"", view.ETag);
        Assert.DoesNotContain(SettingSource.Phone, view.Sources.Values);
    }

    [Fact]
    public void PhoneViewReportsThePhoneLayerAndVersion()
    {
        var business = Doc(SectionDocument.DefaultsScope, new SmsSettings { Signature = "— Acme" }, version: 7);
        var phone = Doc("phone-1", new SmsSettings { Enabled = false }, version: 3);

        var view = ForPhone<SmsSettings>(business, phone);

        Assert.Equal(new SmsSettings { Enabled = false }, view.Layer);
        Assert.Equal(3, view.Version);
        Assert.Equal(At, view.UpdatedAt);
        Assert.Equal(SettingSource.Phone, view.Sources["enabled"]);
        Assert.Equal(SettingSource.Business, view.Sources["signature"]);
        Assert.Equal(SettingSource.System, view.Sources["forwardTo"]);
    }

    [Fact]
    public void PhoneWithAResetSectionInheritsEverything()
    {
        var business = Business(new SmsSettings { AutoReply = "Hi!" });
        var phone = Doc<SmsSettings>("phone-1", (JsonObject?)null, version: 4);

        var view = ForPhone<SmsSettings>(business, phone);

        Assert.Null(view.Layer);
        Assert.Equal(4, view.Version);
        Assert.Equal("Hi!", view.Effective.AutoReply);
        Assert.DoesNotContain(SettingSource.Phone, view.Sources.Values);
    }

    [Fact]
    public void PhoneWeeklyHoursReplaceTheBusinessWeekWholeAndAlwaysOpenInherits()
    {
        var business = Business(new OperatingHours
        {
            AlwaysOpen = false,
            Weekly = [new() { Day = DayOfWeek.Monday, Open = "08:00", Close = "18:00" }, new() { Day = DayOfWeek.Tuesday, Open = "08:00", Close = "18:00" }],
        });
        var phone = Phone(new OperatingHours { Weekly = [new() { Day = DayOfWeek.Saturday, Open = "10:00", Close = "14:00" }] });

        var view = ForPhone<OperatingHours>(business, phone);

        Assert.Equal([new WeeklyPeriod { Day = DayOfWeek.Saturday, Open = "10:00", Close = "14:00" }], view.Effective.Weekly!);
        Assert.Equal(SettingSource.Phone, view.Sources["weekly"]);
        Assert.Equal(SettingSource.Business, view.Sources["alwaysOpen"]);
        Assert.Empty(view.Effective.Holidays!);
        Assert.Equal(SettingSource.System, view.Sources["holidays"]);
    }

    [Fact]
    public void EffectiveRulesCheckSeesATransferActionWithoutANumberInAnyLayer()
    {
        var business = Business(new ConversationRules { AfterHours = new AfterHoursRule { Message = "Closed." } });
        var phone = Phone(new ConversationRules { AfterHours = new AfterHoursRule { Action = AfterHoursAction.Transfer } });
        var errors = new Common.FieldErrors();

        SectionChecks.CheckEffective(ForPhone<ConversationRules>(business, phone).Effective, errors);

        Assert.Equal(["afterHours.transferTo"], SectionChecks.Fields(errors));
    }
}
