using System.Text.Json.Nodes;

namespace MultiPhone.Settings;

/// <summary>Every registered settings section, in the order registered: the one list the rest of the app derives from.</summary>
public sealed class SettingsSections
{
    private readonly Dictionary<string, SettingsSection> _byName;

    public SettingsSections(IEnumerable<SettingsSection> sections)
    {
        All = [.. sections];
        _byName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<SettingsSection> All { get; }

    public IReadOnlyList<string> Names => [.. All.Select(s => s.Name)];

    public SettingsSection? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Every section of a phone, resolved from the business's default layers and the phone's own, by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> ResolveAll(IEnumerable<SectionDocument> defaults, IEnumerable<SectionDocument> overrides)
    {
        var business = defaults.ToDictionary(d => d.Section, StringComparer.Ordinal);
        var phone = overrides.ToDictionary(d => d.Section, StringComparer.Ordinal);
        return All.ToDictionary(s => s.Name, s => s.Resolve(business.GetValueOrDefault(s.Name), phone.GetValueOrDefault(s.Name)), StringComparer.Ordinal);
    }
}
