namespace MultiPhone.Common;

/// <summary>Collects every bad field of a request so one response can name them all.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>Checks a required, trimmed text of bounded length and returns it trimmed.</summary>
    public string? RequiredText(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Add(field, "Required.");
            return null;
        }
        return OptionalText(field, trimmed, maxLength);
    }

    /// <summary>Checks an optional text of bounded length; blank becomes null.</summary>
    public string? OptionalText(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
        return trimmed;
    }

    public Problem ToProblem() =>
        Problem.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
