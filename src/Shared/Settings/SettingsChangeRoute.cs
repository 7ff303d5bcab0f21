using System.Text.Json.Nodes;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;
using NodaTime;
using NodaTime.Extensions;

namespace MultiPhone.Settings;

/// <summary>
/// A layer of a section changed (a phone's own, or a business default): the settings channel of each phone whose
/// effective section it changes, and its voice or hours channel. To tell which phones a default changes, the route
/// remembers the default it last saw.
/// </summary>
internal sealed class SettingsChangeRoute(IReadyPhones readyPhones, ISettingsLayersSource settings, SettingsSections sections, TimeProvider time) : IChangeRoute
{
    private readonly RouteMemory<(long Version, JsonObject? Value)> _defaults = new();

    public string Container => SettingsStore.Definition.Name;

    public async Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct) =>
        await RouteSectionAsync(change, reads, ct);

    private async Task<List<ChangeMessage>> RouteSectionAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var layer = change.As<SectionDocument>();
        if (sections.Find(layer.Section) is not { } section)
        {
            return [];
        }
        if (layer.Scope != SectionDocument.DefaultsScope)
        {
            // One phone's own layer: that phone and its layers of the section, not every phone's of the business.
            return await reads.ReadyPhoneAsync(readyPhones, layer.BusinessId, layer.Scope, ct) is { } phone
                ? PhoneSectionMessages(change, phone, layer.Section, await reads.PhoneLayersAsync(settings, layer.BusinessId, phone.Id, layer.Section, ct))
                : [];
        }
        var layers = (await reads.LayersAsync(settings, layer.BusinessId, ct)).Of(layer.Section);
        var phones = await reads.ReadyPhonesAsync(readyPhones, layer.BusinessId, ct);
        var key = $"{layer.BusinessId}|{layer.Section}";
        // What subscribers were last told is what the router last saw; before version 1 there was no default at all.
        JsonObject? before = null;
        var knowsBefore = _defaults.TryGet(key, out var seen) || layer.Version == 1;
        if (seen.Version > 0)
        {
            before = seen.Value;
        }
        _defaults.Remember(key, (layer.Version, layer.Value));
        var messages = new List<ChangeMessage>
        {
            ChangeMessage.About(change, Channel.Business(layer.BusinessId), "defaults.changed", null, layer.Section, layer.Version),
        };
        foreach (var phone in phones)
        {
            var own = layers.GetValueOrDefault(phone.Id)?.Value;
            if (!knowsBefore || !JsonNode.DeepEquals(Effective(section, before, own), Effective(section, layer.Value, own)))
            {
                messages.AddRange(PhoneSectionMessages(change, phone, layer.Section, layers));
            }
        }
        return messages;
    }

    /// <summary>A phone's section changed (its own layer or a default it inherits): its settings channel, and the section's live channel.</summary>
    private List<ChangeMessage> PhoneSectionMessages(ChangedDocument change, PhoneNumber phone, string section, IReadOnlyDictionary<string, SectionDocument> layers)
    {
        var messages = new List<ChangeMessage>
        {
            ChangeMessage.About(change, Channel.PhoneSettings(phone.Id), "phone.settings.changed", phone.Id, section, EffectiveVersion(layers, phone.Id)),
        };
        var registered = sections.Find(section)!;
        switch (registered.LiveChannel)
        {
            case ChannelKind.PhoneVoice:
                messages.Add(ChangeMessage.About(change, Channel.PhoneVoice(phone.Id), "phone.voice.changed", phone.Id, section, EffectiveVersion(layers, phone.Id))
                    with { Data = registered.Resolve(layers.GetValueOrDefault(SectionDocument.DefaultsScope), layers.GetValueOrDefault(phone.Id)) });
                break;
            case ChannelKind.PhoneHours:
                messages.Add(HoursMessage(change, phone, layers, time));
                break;
        }
        return messages;
    }

    internal static ChangeMessage HoursMessage(ChangedDocument change, PhoneNumber phone, IReadOnlyDictionary<string, SectionDocument> layers, TimeProvider time)
    {
        var hours = SectionView<OperatingHours>.Resolve(layers.GetValueOrDefault(SectionDocument.DefaultsScope), layers.GetValueOrDefault(phone.Id), forPhone: true);
        var status = HoursCalculator.Evaluate(hours.Effective, DateTimeZoneProviders.Tzdb[phone.Timezone], time.GetUtcNow().ToInstant());
        return new ChangeMessage
        {
            Channel = Channel.PhoneHours(phone.Id).ToString(),
            Type = "phone.hours.changed",
            BusinessId = phone.BusinessId,
            PhoneId = phone.Id,
            Sections = [OperatingHours.Name],
            // The time zone is part of what the hours mean, so the phone's version is part of theirs.
            Versions = new Dictionary<string, long> { [OperatingHours.Name] = EffectiveVersion(layers, phone.Id), ["phone"] = phone.Version },
            ChangedAt = change.ChangedAt,
            ChangedBy = change.ChangedBy,
            Data = ChangeMessage.Json(new
            {
                effective = hours.Effective,
                sources = hours.Sources,
                timezone = phone.Timezone,
                openNow = status.OpenNow,
                nextChangeAt = status.NextChangeAt?.ToDateTimeOffset(),
            }),
        };
    }

    /// <summary>Both layers' versions only grow, so their sum grows with every change of the effective section.</summary>
    private static long EffectiveVersion(IReadOnlyDictionary<string, SectionDocument> layers, string phoneId) =>
        (layers.GetValueOrDefault(SectionDocument.DefaultsScope)?.Version ?? 0) + (layers.GetValueOrDefault(phoneId)?.Version ?? 0);

    private static JsonObject Effective(SettingsSection section, JsonObject? defaults, JsonObject? own) =>
        SettingsMerge.Merge(section.SystemLayer, defaults, own).Effective;
}

/// <summary>
/// A phone changed time zone: its hours channel, since openNow depends on the zone. The route remembers each phone's
/// zone to tell.
/// </summary>
internal sealed class PhoneTimeZoneChangeRoute(ISettingsLayersSource settings, TimeProvider time) : IChangeRoute
{
    private readonly RouteMemory<string> _timezones = new();

    public string Container => PhoneNumberStore.PhonesDefinition.Name;

    public async Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var phone = change.As<PhoneNumber>();
        if (phone.State != PhoneState.Ready)
        {
            return [];
        }
        if (change.IsRemoved)
        {
            _timezones.Forget(phone.Id);
            return [];
        }
        var added = phone.CreatedAt == phone.UpdatedAt;
        var messages = new List<ChangeMessage>();
        // openNow depends on the time zone: a phone that moved zone has new hours for its agents.
        if (!added && (!_timezones.TryGet(phone.Id, out var zone) || zone != phone.Timezone))
        {
            var layers = await reads.PhoneLayersAsync(settings, phone.BusinessId, phone.Id, OperatingHours.Name, ct);
            messages.Add(SettingsChangeRoute.HoursMessage(change, phone, layers, time));
        }
        _timezones.Remember(phone.Id, phone.Timezone);
        return messages;
    }
}
