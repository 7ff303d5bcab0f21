using System.Text.RegularExpressions;

namespace MultiPhone.Integrations;

public static partial class IntegrationRules
{
    public const int MaxNameLength = 100;
    public const int MaxSettings = 20;
    public const int MaxSettingLength = 2000;
    public const int MaxSecrets = 10;
    public const int MaxSecretLength = 4000;

    /// <summary>Checks an integration body (POST or PUT: both carry the whole integration except, optionally, its secrets).</summary>
    public static Problem? Validate(IntegrationInput input)
    {
        var errors = new FieldErrors();
        if (input.Type is null)
        {
            errors.Add("type", "Required: webhook, googleCalendar, calendly, salesforce, hubSpot, slack or zapier.");
        }
        errors.RequiredText("name", input.Name, MaxNameLength);
        CheckEntries(errors, "settings", input.Settings, MaxSettings, MaxSettingLength);
        CheckEntries(errors, "secrets", input.Secrets, MaxSecrets, MaxSecretLength);
        if (input.Type == IntegrationType.Webhook
            && !(input.Settings?.TryGetValue("url", out var url) == true && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add("settings.url", "A webhook needs an absolute https URL.");
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    private static void CheckEntries(FieldErrors errors, string field, Dictionary<string, string>? entries, int max, int maxValueLength)
    {
        if (entries is null)
        {
            return;
        }
        if (entries.Count > max)
        {
            errors.Add(field, $"At most {max} entries.");
        }
        foreach (var (key, value) in entries)
        {
            if (!KeyPattern().IsMatch(key))
            {
                errors.Add($"{field}.{key}", "Names are 1-50 letters, digits, '_', '.' or '-', starting with a letter.");
            }
            else if (string.IsNullOrEmpty(value) || value.Length > maxValueLength)
            {
                errors.Add($"{field}.{key}", $"1 to {maxValueLength} characters.");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]{0,49}\z")]
    private static partial Regex KeyPattern();
}
