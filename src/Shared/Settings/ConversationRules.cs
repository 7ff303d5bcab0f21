
namespace MultiPhone.Settings;

public enum RuleAction
{
    Transfer,
    TakeMessage,
    Answer,
    Book,
}

public enum AfterHoursAction
{
    /// <summary>The voice agent answers, knowing the location is closed.</summary>
    HandToAgent,
    TakeMessage,
    Transfer,
    Answer,
    HangUp,
}

/// <summary>What the agent does in given situations, whom it escalates to, what it refuses, and what happens after hours.</summary>
public sealed record ConversationRules : ISettingsSection<ConversationRules>
{
    public const int MaxRules = 50;
    public const int MaxContacts = 10;
    public const int MaxRefusedTopics = 50;
    public const int MaxTopicLength = 200;
    public const int MaxWhenLength = 500;
    public const int MaxTextLength = 1000;
    public const int MaxNameLength = 100;

    /// <summary>Ordered: the first rule whose situation matches applies.</summary>
    [MaxLength(MaxRules)]
    public IReadOnlyList<ConversationRule>? Rules { get; init; }

    [MaxLength(MaxContacts)]
    public IReadOnlyList<EscalationContact>? EscalationContacts { get; init; }

    [MaxLength(MaxRefusedTopics)]
    public IReadOnlyList<string>? RefusedTopics { get; init; }

    public AfterHoursRule? AfterHours { get; init; }

    public static string Name => "rules";

    public static ConversationRules SystemDefault { get; } = new()
    {
        Rules = [],
        EscalationContacts = [],
        RefusedTopics = [],
        AfterHours = new AfterHoursRule
        {
            Action = AfterHoursAction.TakeMessage,
            Message = "We're closed right now. Please leave a message after the tone and we'll call you back.",
            TransferTo = null,
        },
    };

    public static ConversationRules Normalize(ConversationRules layer, SectionContext context, FieldErrors errors)
    {
        errors.MaxItems("rules", layer.Rules, MaxRules);
        errors.MaxItems("escalationContacts", layer.EscalationContacts, MaxContacts);
        errors.MaxItems("refusedTopics", layer.RefusedTopics, MaxRefusedTopics);
        return layer with
        {
            Rules = layer.Rules?.Select((rule, i) => NormalizeRule(rule, $"rules[{i}]", context, errors)).OfType<ConversationRule>().ToList(),
            EscalationContacts = layer.EscalationContacts?.Select((contact, i) => NormalizeContact(contact, $"escalationContacts[{i}]", context, errors)).OfType<EscalationContact>().ToList(),
            RefusedTopics = layer.RefusedTopics?.Select((topic, i) => errors.RequiredText($"refusedTopics[{i}]", topic, MaxTopicLength)!).ToList(),
            AfterHours = layer.AfterHours is { } afterHours ? afterHours with
            {
                Message = errors.OptionalText("afterHours.message", afterHours.Message, MaxTextLength),
                TransferTo = errors.Phone("afterHours.transferTo", afterHours.TransferTo, context),
            } : null,
        };
    }

    public static void CheckEffective(ConversationRules effective, FieldErrors errors)
    {
        if (effective.AfterHours is { Action: AfterHoursAction.Transfer, TransferTo: null })
        {
            errors.Add("afterHours.transferTo", "Required when the after-hours action is transfer (here or in the business defaults).");
        }
        if (effective.AfterHours is { Action: AfterHoursAction.Answer, Message: null })
        {
            errors.Add("afterHours.message", "Required when the after-hours action is answer (here or in the business defaults).");
        }
    }

    private static ConversationRule? NormalizeRule(ConversationRule? rule, string path, SectionContext context, FieldErrors errors)
    {
        if (rule is null)
        {
            errors.Add(path, "Required.");
            return null;
        }
        var normalized = rule with
        {
            When = errors.RequiredText($"{path}.when", rule.When, MaxWhenLength),
            Answer = errors.OptionalText($"{path}.answer", rule.Answer, MaxTextLength),
            TransferTo = errors.Phone($"{path}.transferTo", rule.TransferTo, context),
            ServiceId = errors.OptionalText($"{path}.serviceId", rule.ServiceId, MaxNameLength),
        };
        switch (rule.Action)
        {
            case null:
                errors.Add($"{path}.action", "Required: transfer, takeMessage, answer or book.");
                break;
            case RuleAction.Transfer when string.IsNullOrWhiteSpace(rule.TransferTo):
                errors.Add($"{path}.transferTo", "Required when the action is transfer.");
                break;
            case RuleAction.Answer when normalized.Answer is null:
                errors.Add($"{path}.answer", "Required when the action is answer.");
                break;
        }
        return normalized;
    }

    private static EscalationContact? NormalizeContact(EscalationContact? contact, string path, SectionContext context, FieldErrors errors)
    {
        if (contact is null)
        {
            errors.Add(path, "Required.");
            return null;
        }
        var email = errors.OptionalText($"{path}.email", contact.Email, 254);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add($"{path}.email", "Not an email address.");
        }
        var normalized = contact with
        {
            Name = errors.RequiredText($"{path}.name", contact.Name, MaxNameLength),
            Phone = errors.Phone($"{path}.phone", contact.Phone, context),
            Email = email,
        };
        if (string.IsNullOrWhiteSpace(contact.Phone) && email is null)
        {
            errors.Add(path, "Give a phone number or an email address.");
        }
        return normalized;
    }
}

/// <summary>When the situation described by <see cref="When"/> arises, do <see cref="Action"/>.</summary>
public sealed record ConversationRule
{
    /// <summary>The situation, in words the agent understands, e.g. "the caller asks about prices".</summary>
    [StringLength(ConversationRules.MaxWhenLength)]
    [Required]
    public string? When { get; init; }

    [Required]

    public RuleAction? Action { get; init; }

    /// <summary>What to say, for answer (required) and takeMessage (optional prompt).</summary>
    [StringLength(ConversationRules.MaxTextLength)]
    public string? Answer { get; init; }

    /// <summary>For transfer: the number, any common format, stored as E.164.</summary>
    [StringLength(32)]
    public string? TransferTo { get; init; }

    /// <summary>For book: which service to book, when the rule is about one.</summary>
    [StringLength(ConversationRules.MaxNameLength)]
    public string? ServiceId { get; init; }
}

public sealed record EscalationContact
{
    [StringLength(ConversationRules.MaxNameLength)]
    [Required]
    public string? Name { get; init; }

    [StringLength(32)]
    public string? Phone { get; init; }

    [StringLength(254)]
    public string? Email { get; init; }
}

public sealed record AfterHoursRule
{
    public AfterHoursAction? Action { get; init; }

    /// <summary>What the caller hears (takeMessage, answer) before the action.</summary>
    [StringLength(ConversationRules.MaxTextLength)]
    public string? Message { get; init; }

    [StringLength(32)]
    public string? TransferTo { get; init; }
}
