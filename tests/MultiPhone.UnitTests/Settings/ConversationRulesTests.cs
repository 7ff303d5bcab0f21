using MultiPhone.Common;
using MultiPhone.Settings;
using static MultiPhone.UnitTests.Settings.SectionChecks;

namespace MultiPhone.UnitTests.Settings;

public sealed class ConversationRulesTests
{
    private static readonly ConversationRule TakeMessage = new() { When = "the caller wants a refund", Action = RuleAction.TakeMessage };

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(params ConversationRule[] rules) => Check(new ConversationRules { Rules = rules }).Errors;

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(params EscalationContact[] contacts) =>
        Check(new ConversationRules { EscalationContacts = contacts }).Errors;

    private static string[] EffectiveErrors(AfterHoursRule? afterHours)
    {
        var errors = new FieldErrors();
        CheckEffective(new ConversationRules { AfterHours = afterHours }, errors);
        return Fields(errors);
    }

    [Fact]
    public void SystemDefaultIsValidBothAsALayerAndAsAnEffectiveValue()
    {
        var errors = new FieldErrors();

        Normalize(ConversationRules.SystemDefault, null, errors);
        CheckEffective(ConversationRules.SystemDefault, errors);

        Assert.False(errors.Any);
    }

    [Fact]
    public void TransferRuleWithoutANumberIsNamedByItsIndex()
    {
        var errors = ErrorsOf(TakeMessage, new ConversationRule { When = "the caller asks for a manager", Action = RuleAction.Transfer });

        Assert.Equal(["rules[1].transferTo"], Fields(errors));
        Assert.Equal(["Required when the action is transfer."], errors["rules[1].transferTo"]);
    }

    [Fact]
    public void AnswerRuleWithoutAnAnswerIsNamedByItsIndex() =>
        Assert.Equal(["rules[0].answer"], Fields(ErrorsOf(new ConversationRule { When = "prices", Action = RuleAction.Answer })));

    [Fact]
    public void AnswerRuleWithABlankAnswerIsNamed() =>
        Assert.Equal(["rules[0].answer"], Fields(ErrorsOf(new ConversationRule { When = "prices", Action = RuleAction.Answer, Answer = "   " })));

    [Fact]
    public void TransferRuleWithABlankNumberIsNamed() =>
        Assert.Equal(["rules[0].transferTo"], Fields(ErrorsOf(new ConversationRule { When = "manager", Action = RuleAction.Transfer, TransferTo = " " })));

    [Fact]
    public void RuleWithoutAnActionIsNamed()
    {
        var errors = ErrorsOf(TakeMessage, TakeMessage, new ConversationRule { When = "anything else" });

        Assert.Equal(["rules[2].action"], Fields(errors));
        Assert.Contains("transfer, takeMessage, answer or book", errors["rules[2].action"].Single());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void RuleWithoutASituationIsNamed(string? when) =>
        Assert.Equal(["Required."], ErrorsOf(TakeMessage with { When = when })["rules[0].when"]);

    [Fact]
    public void RuleTextsOverTheirLimitsAreNamed()
    {
        var rule = new ConversationRule
        {
            When = new string('w', ConversationRules.MaxWhenLength + 1),
            Action = RuleAction.Book,
            Answer = new string('a', ConversationRules.MaxTextLength + 1),
            ServiceId = new string('s', ConversationRules.MaxNameLength + 1),
        };

        Assert.Equal(["rules[0].answer", "rules[0].serviceId", "rules[0].when"], Fields(ErrorsOf(rule)));
    }

    [Fact]
    public void RuleIsNormalisedTrimmedAndWithAnE164Number()
    {
        var layer = new ConversationRules { Rules = [new() { When = "  manager ", Action = RuleAction.Transfer, TransferTo = "(415) 555-0134", Answer = " " }] };

        var (normalized, errors) = Check(layer);

        Assert.Empty(errors);
        Assert.Equal(new ConversationRule { When = "manager", Action = RuleAction.Transfer, TransferTo = "+14155550134" }, normalized.Rules!.Single());
    }

    [Fact]
    public void InvalidRuleNumberIsNamedOnce()
    {
        var errors = ErrorsOf(new ConversationRule { When = "manager", Action = RuleAction.Transfer, TransferTo = "12" });

        Assert.Single(errors["rules[0].transferTo"]);
    }

    [Fact]
    public void NullRuleEntryIsNamedRatherThanCrashing() =>
        Assert.Equal(["rules[0]"], Fields(ErrorsOf(new ConversationRule[] { null! })));

    [Fact]
    public void NullContactEntryIsNamedRatherThanCrashing() =>
        Assert.Equal(["escalationContacts[0]"], Fields(ErrorsOf(new EscalationContact[] { null! })));

    [Fact]
    public void ContactWithNeitherPhoneNorEmailIsNamedAtItsIndex()
    {
        var errors = ErrorsOf(new EscalationContact { Name = "Ann", Email = "ann@example.com" }, new EscalationContact { Name = "Bob" });

        Assert.Equal(["escalationContacts[1]"], Fields(errors));
        Assert.Equal(["Give a phone number or an email address."], errors["escalationContacts[1]"]);
    }

    [Fact]
    public void ContactWithOnlyBlankPhoneAndEmailIsNamed() =>
        Assert.Equal(["escalationContacts[0]"], Fields(ErrorsOf(new EscalationContact { Name = "Bob", Phone = "  ", Email = " " })));

    [Fact]
    public void ContactNeedsANameAndAValidEmail()
    {
        var errors = ErrorsOf(new EscalationContact { Email = "not-an-email" });

        Assert.Equal(["escalationContacts[0].email", "escalationContacts[0].name"], Fields(errors));
        Assert.Equal(["Not an email address."], errors["escalationContacts[0].email"]);
    }

    [Fact]
    public void ContactPhoneBecomesE164AndEmailIsTrimmed()
    {
        var layer = new ConversationRules { EscalationContacts = [new() { Name = " Ann ", Phone = "415-555-0134", Email = " ann@example.com " }] };

        var (normalized, errors) = Check(layer);

        Assert.Empty(errors);
        Assert.Equal(new EscalationContact { Name = "Ann", Phone = "+14155550134", Email = "ann@example.com" }, normalized.EscalationContacts!.Single());
    }

    [Fact]
    public void InvalidContactPhoneIsNamed() =>
        Assert.Equal(["escalationContacts[0].phone"], Fields(ErrorsOf(new EscalationContact { Name = "Ann", Phone = "abc" })));

    [Fact]
    public void BlankAndOverlongRefusedTopicsAreNamedByIndex()
    {
        var layer = new ConversationRules { RefusedTopics = ["politics", " ", new string('t', ConversationRules.MaxTopicLength + 1), null!] };

        var errors = Check(layer).Errors;

        Assert.Equal(["refusedTopics[1]", "refusedTopics[2]", "refusedTopics[3]"], Fields(errors));
        Assert.Equal(["Required."], errors["refusedTopics[1]"]);
    }

    [Fact]
    public void RefusedTopicsAreTrimmed() =>
        Assert.Equal(["politics", "religion"], Check(new ConversationRules { RefusedTopics = [" politics", "religion\n"] }).Normalized.RefusedTopics!);

    [Fact]
    public void ListsAtTheirLimitsAreAccepted()
    {
        var layer = new ConversationRules
        {
            Rules = Enumerable.Repeat(TakeMessage, ConversationRules.MaxRules).ToList(),
            EscalationContacts = Enumerable.Repeat(new EscalationContact { Name = "Ann", Email = "ann@example.com" }, ConversationRules.MaxContacts).ToList(),
            RefusedTopics = Enumerable.Repeat("politics", ConversationRules.MaxRefusedTopics).ToList(),
        };

        Assert.Empty(Check(layer).Errors);
    }

    [Fact]
    public void ListsOverTheirLimitsAreNamed()
    {
        var layer = new ConversationRules
        {
            Rules = Enumerable.Repeat(TakeMessage, ConversationRules.MaxRules + 1).ToList(),
            EscalationContacts = Enumerable.Repeat(new EscalationContact { Name = "Ann", Email = "ann@example.com" }, ConversationRules.MaxContacts + 1).ToList(),
            RefusedTopics = Enumerable.Repeat("politics", ConversationRules.MaxRefusedTopics + 1).ToList(),
        };

        var errors = Check(layer).Errors;

        Assert.Equal(["escalationContacts", "refusedTopics", "rules"], Fields(errors));
        Assert.Equal(["At most 50 entries."], errors["rules"]);
        Assert.Equal(["At most 10 entries."], errors["escalationContacts"]);
    }

    [Fact]
    public void AfterHoursNumberBecomesE164AndItsMessageIsTrimmed()
    {
        var layer = new ConversationRules { AfterHours = new() { Action = AfterHoursAction.Transfer, TransferTo = "415 555 0134", Message = " Transferring. " } };

        var (normalized, errors) = Check(layer);

        Assert.Empty(errors);
        Assert.Equal(new AfterHoursRule { Action = AfterHoursAction.Transfer, TransferTo = "+14155550134", Message = "Transferring." }, normalized.AfterHours);
    }

    [Fact]
    public void BadAfterHoursFieldsAreNamedByPath()
    {
        var layer = new ConversationRules { AfterHours = new() { TransferTo = "123", Message = new string('m', ConversationRules.MaxTextLength + 1) } };

        Assert.Equal(["afterHours.message", "afterHours.transferTo"], Fields(Check(layer).Errors));
    }

    [Fact]
    public void LayerMayLeaveTheAfterHoursTransferNumberToTheEffectiveCheck() =>
        Assert.Empty(Check(new ConversationRules { AfterHours = new() { Action = AfterHoursAction.Transfer } }).Errors);

    [Fact]
    public void EffectiveAfterHoursTransferWithoutANumberIsNamed() =>
        Assert.Equal(["afterHours.transferTo"], EffectiveErrors(new() { Action = AfterHoursAction.Transfer, Message = "Hold on." }));

    [Fact]
    public void EffectiveAfterHoursAnswerWithoutAMessageIsNamed() =>
        Assert.Equal(["afterHours.message"], EffectiveErrors(new() { Action = AfterHoursAction.Answer, TransferTo = "+14155550134" }));

    [Theory]
    [InlineData(AfterHoursAction.HandToAgent)]
    [InlineData(AfterHoursAction.TakeMessage)]
    [InlineData(AfterHoursAction.HangUp)]
    public void OtherAfterHoursActionsNeedNeitherNumberNorMessage(AfterHoursAction action) =>
        Assert.Empty(EffectiveErrors(new() { Action = action }));

    [Fact]
    public void CompleteAfterHoursTransferAndAnswerPassTheEffectiveCheck()
    {
        Assert.Empty(EffectiveErrors(new() { Action = AfterHoursAction.Transfer, TransferTo = "+14155550134" }));
        Assert.Empty(EffectiveErrors(new() { Action = AfterHoursAction.Answer, Message = "We open at nine." }));
        Assert.Empty(EffectiveErrors(null));
    }
}
