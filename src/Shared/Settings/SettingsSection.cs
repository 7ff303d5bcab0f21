using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Realtime;

namespace MultiPhone.Settings;

/// <summary>Something done with a section's type, for code that holds only its registry entry (e.g. mapping its routes).</summary>
public interface ISectionAction
{
    void On<T>() where T : class, ISettingsSection<T>;
}

/// <summary>
/// One registered settings section: what the routes, the OpenAPI document, the realtime router, the agent
/// configuration and new phones' copies of the defaults know of it. Registered with
/// <see cref="SettingsRegistration.AddSettingsSection{T}"/>.
/// </summary>
public abstract class SettingsSection
{
    /// <summary>The section's name in routes, documents and messages.</summary>
    public abstract string Name { get; }

    public abstract Type Type { get; }

    /// <summary>The system fallback as JSON, every field defined.</summary>
    public abstract JsonObject SystemLayer { get; }

    /// <summary>
    /// The phone channel that, besides <c>phone:{phoneId}:settings</c> (which carries every section), carries the
    /// phone's new effective section (<see cref="ChannelKind.PhoneVoice"/>, <see cref="ChannelKind.PhoneHours"/>); null when none.
    /// </summary>
    public ChannelKind? LiveChannel { get; init; }

    public abstract void Apply(ISectionAction action);

    /// <summary>A phone's effective section over the business default, with each field's source, as the API writes it.</summary>
    public abstract JsonObject Resolve(SectionDocument? defaults, SectionDocument? phone);

    /// <summary>
    /// Fields of a layer given as JSON (a scheduled change's), read and checked as the section's PUT would (errors
    /// named <c>set.field</c>); normalised, or null when they cannot be read.
    /// </summary>
    public abstract JsonObject? Normalize(JsonObject fields, SectionContext context, FieldErrors errors);

    /// <summary>The section's checks of a phone's effective values (what its PUT refuses after merging the layers).</summary>
    public abstract void CheckEffective(JsonObject effective, FieldErrors errors);

    /// <summary>The effective business default as the phone's own layer (a new phone created from the template).</summary>
    public abstract SectionDocument CopyOfDefault(SectionDocument? defaults, string businessId, string phoneId, DateTimeOffset now);
}

public sealed class SettingsSection<T> : SettingsSection where T : class, ISettingsSection<T>
{
    public override string Name => T.Name;

    public override Type Type => typeof(T);

    public override JsonObject SystemLayer => SectionJson<T>.SystemLayer;

    public override void Apply(ISectionAction action) => action.On<T>();

    public override JsonObject Resolve(SectionDocument? defaults, SectionDocument? phone)
    {
        var view = SectionView<T>.Resolve(defaults, phone, forPhone: true);
        return JsonSerializer.SerializeToNode(new ResolvedSection<T>(view.Effective, view.Sources), ApiJson.Options)!.AsObject();
    }

    public override JsonObject? Normalize(JsonObject fields, SectionContext context, FieldErrors errors)
    {
        T? layer;
        try
        {
            layer = fields.Deserialize<T>(ApiJson.Options);
        }
        catch (JsonException error)
        {
            var read = JsonReadError.Of(error, typeof(T), ApiJson.Options);
            errors.Add(read.Field == "body" ? "set" : $"set.{read.Field}", read.Summary);
            return null;
        }
        var checkedFields = new FieldErrors();
        var normalized = T.Normalize(layer!, context, checkedFields);
        foreach (var (field, messages) in checkedFields.ToProblem().Errors!)
        {
            foreach (var message in messages)
            {
                errors.Add($"set.{field}", message);
            }
        }
        return SectionJson<T>.ToJson(normalized);
    }

    public override void CheckEffective(JsonObject effective, FieldErrors errors) => T.CheckEffective(SectionJson<T>.FromJson(effective)!, errors);

    public override SectionDocument CopyOfDefault(SectionDocument? defaults, string businessId, string phoneId, DateTimeOffset now) =>
        SectionDocument.Of(businessId, phoneId, SectionView<T>.Resolve(defaults, null, forPhone: false).Effective, version: 1, now);
}

/// <summary>A section as an agent sees it: the effective values and where each comes from.</summary>
public sealed record ResolvedSection<T>(T Effective, IReadOnlyDictionary<string, SettingSource> Sources);
