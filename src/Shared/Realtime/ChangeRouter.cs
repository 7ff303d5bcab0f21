using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.Common;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;
using NodaTime;
using NodaTime.Extensions;

namespace MultiPhone.Realtime;

/// <summary>
/// Turns one changed document from the change feed into the messages of the seed's channels. The feed gives only the
/// latest version of a document, so to tell what a change changed (the primary, a time zone, the effective section of
/// each inheriting phone) the router remembers what it last saw. That memory is lost on restart or when a lease moves
/// to another instance; then a change is taken to affect everything it could, which delivers more, never less.
/// </summary>
public sealed class ChangeRouter(IRouterData data, SettingsSections sections, TimeProvider time)
{
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, (long Version, string? Primary)> _businesses = new();
    private readonly ConcurrentDictionary<string, (long Version, JsonObject? Value)> _defaults = new();
    private readonly ConcurrentDictionary<string, string> _timezones = new();

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, CancellationToken ct) => RouteAsync(change, data, ct);

    /// <summary>
    /// Reads for routing one batch of the change feed, each made once however many changes of the batch need it.
    /// Every change of a batch was written before the batch was read, so one read made while routing it is at least
    /// as new as each of them: messages may carry a later state than their change (coalescing), never an earlier one.
    /// </summary>
    public IRouterData ReadsForOneBatch() => new BatchReads(data);

    /// <param name="change">The changed document.</param>
    /// <param name="reads">Where to read what the change affects: <see cref="ReadsForOneBatch"/> for a batch of the feed.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, IRouterData reads, CancellationToken ct)
    {
        if (change.BusinessId.Length == 0)
        {
            return [];
        }
        var container = change.Container;
        return container == BusinessStore.Definition.Name ? RouteBusiness(change)
            : container == PhoneNumberStore.PhonesDefinition.Name ? await RoutePhoneAsync(change, reads, ct)
            : container == SettingsStore.Definition.Name ? await RouteSectionAsync(change, reads, ct)
            : container == StaffStore.StaffDefinition.Name ? await RouteStaffAsync(change, reads, ct)
            : container == StaffStore.AssignmentsDefinition.Name ? RouteAssignments(change)
            : container == ServiceStore.ServicesDefinition.Name ? await RouteServiceAsync(change, reads, ct)
            : container == ServiceStore.SelectionsDefinition.Name ? RouteSelection(change)
            : [];
    }

    private List<ChangeMessage> RouteBusiness(ChangedDocument change)
    {
        var business = change.As<Business>();
        var messages = new List<ChangeMessage>();
        var known = _businesses.TryGetValue(business.Id, out var seen);
        if (!known || business.Version > seen.Version)
        {
            messages.Add(Message(change, Channel.Business(business.Id), "business.updated", null, "business", business.Version));
        }
        if (!known || business.PrimaryPhoneId != seen.Primary)
        {
            messages.Add(Message(change, Channel.Business(business.Id), "phone.primaryChanged", business.PrimaryPhoneId, "primary", change.Lsn));
        }
        Remember(_businesses, business.Id, (business.Version, business.PrimaryPhoneId));
        return messages;
    }

    private async Task<List<ChangeMessage>> RoutePhoneAsync(ChangedDocument change, IRouterData reads, CancellationToken ct)
    {
        var phone = change.As<PhoneNumber>();
        if (phone.State != PhoneState.Ready)
        {
            return [];
        }
        if (change.IsRemoved)
        {
            _timezones.TryRemove(phone.Id, out _);
            var version = phone.Version + 1;
            return
            [
                Message(change, Channel.Business(phone.BusinessId), "phone.removed", phone.Id, "phone", version),
                Message(change, Channel.PhoneSettings(phone.Id), "phone.removed", phone.Id, "phone", version),
                Message(change, Channel.PhoneVoice(phone.Id), "phone.removed", phone.Id, "phone", version),
                Message(change, Channel.PhoneHours(phone.Id), "phone.removed", phone.Id, "phone", version),
            ];
        }
        var added = phone.CreatedAt == phone.UpdatedAt;
        var messages = new List<ChangeMessage>
        {
            Message(change, Channel.Business(phone.BusinessId), added ? "phone.added" : "phone.updated", phone.Id, "phone", phone.Version),
        };
        // openNow depends on the time zone: a phone that moved zone has new hours for its agents.
        if (!added && (!_timezones.TryGetValue(phone.Id, out var zone) || zone != phone.Timezone))
        {
            var layers = (await reads.LayersAsync(phone.BusinessId, ct)).Of(OperatingHours.Name);
            messages.Add(HoursMessage(change, phone, layers));
        }
        Remember(_timezones, phone.Id, phone.Timezone);
        return messages;
    }

    private async Task<List<ChangeMessage>> RouteSectionAsync(ChangedDocument change, IRouterData reads, CancellationToken ct)
    {
        var layer = change.As<SectionDocument>();
        if (sections.Find(layer.Section) is not { } section)
        {
            return [];
        }
        var layers = (await reads.LayersAsync(layer.BusinessId, ct)).Of(layer.Section);
        var phones = await reads.ReadyPhonesAsync(layer.BusinessId, ct);
        if (layer.Scope != SectionDocument.DefaultsScope)
        {
            return phones.FirstOrDefault(p => p.Id == layer.Scope) is { } phone ? PhoneSectionMessages(change, phone, layer.Section, layers) : [];
        }
        var key = $"{layer.BusinessId}|{layer.Section}";
        // What subscribers were last told is what the router last saw; before version 1 there was no default at all.
        JsonObject? before = null;
        var knowsBefore = _defaults.TryGetValue(key, out var seen) || layer.Version == 1;
        if (seen.Version > 0)
        {
            before = seen.Value;
        }
        Remember(_defaults, key, (layer.Version, layer.Value));
        var messages = new List<ChangeMessage>
        {
            Message(change, Channel.Business(layer.BusinessId), "defaults.changed", null, layer.Section, layer.Version),
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

    private async Task<List<ChangeMessage>> RouteStaffAsync(ChangedDocument change, IRouterData reads, CancellationToken ct)
    {
        var member = change.As<StaffMember>();
        var version = member.Version + (change.IsRemoved ? 1 : 0);
        var messages = new List<ChangeMessage>
        {
            Message(change, Channel.Business(member.BusinessId), "staff.changed", null, "staff", version, member.Id, Removed(change)),
        };
        foreach (var assignments in await reads.AssignmentsAsync(member.BusinessId, ct))
        {
            if (assignments.Assignments.Any(a => a.StaffId == member.Id))
            {
                messages.Add(Message(change, Channel.PhoneSettings(assignments.Id), "phone.settings.changed", assignments.Id, "staff", version, member.Id, Removed(change)));
            }
        }
        return messages;
    }

    private List<ChangeMessage> RouteAssignments(ChangedDocument change)
    {
        var assignments = change.As<PhoneStaffAssignments>();
        return [Message(change, Channel.PhoneSettings(assignments.Id), "phone.settings.changed", assignments.Id, "staff", assignments.Version)];
    }

    private async Task<List<ChangeMessage>> RouteServiceAsync(ChangedDocument change, IRouterData reads, CancellationToken ct)
    {
        var service = change.As<Service>();
        var version = service.Version + (change.IsRemoved ? 1 : 0);
        if (service.PhoneId is { } own)
        {
            return [Message(change, Channel.PhoneSettings(own), "phone.settings.changed", own, "services", version, service.Id, Removed(change))];
        }
        var messages = new List<ChangeMessage>
        {
            Message(change, Channel.Business(service.BusinessId), "services.changed", null, "services", version, service.Id, Removed(change)),
        };
        foreach (var phone in await reads.ReadyPhonesAsync(service.BusinessId, ct))
        {
            messages.Add(Message(change, Channel.PhoneSettings(phone.Id), "phone.settings.changed", phone.Id, "services", version, service.Id, Removed(change)));
        }
        return messages;
    }

    private List<ChangeMessage> RouteSelection(ChangedDocument change)
    {
        var selection = change.As<PhoneServiceSelection>();
        return [Message(change, Channel.PhoneSettings(selection.Id), "phone.settings.changed", selection.Id, "services", selection.Version)];
    }

    /// <summary>A phone's section changed (its own layer or a default it inherits): its settings channel, and the section's live channel.</summary>
    private List<ChangeMessage> PhoneSectionMessages(ChangedDocument change, PhoneNumber phone, string section, IReadOnlyDictionary<string, SectionDocument> layers)
    {
        var messages = new List<ChangeMessage>
        {
            Message(change, Channel.PhoneSettings(phone.Id), "phone.settings.changed", phone.Id, section, EffectiveVersion(layers, phone.Id)),
        };
        var registered = sections.Find(section)!;
        switch (registered.LiveChannel)
        {
            case ChannelKind.PhoneVoice:
                messages.Add(Message(change, Channel.PhoneVoice(phone.Id), "phone.voice.changed", phone.Id, section, EffectiveVersion(layers, phone.Id))
                    with { Data = registered.Resolve(layers.GetValueOrDefault(SectionDocument.DefaultsScope), layers.GetValueOrDefault(phone.Id)) });
                break;
            case ChannelKind.PhoneHours:
                messages.Add(HoursMessage(change, phone, layers));
                break;
        }
        return messages;
    }

    private ChangeMessage HoursMessage(ChangedDocument change, PhoneNumber phone, IReadOnlyDictionary<string, SectionDocument> layers)
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
            Data = Json(new
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

    private static ChangeMessage Message(
        ChangedDocument change, Channel channel, string type, string? phoneId, string section, long version, string? itemId = null, JsonObject? data = null) => new()
        {
            Channel = channel.ToString(),
            Type = type,
            BusinessId = change.BusinessId,
            PhoneId = phoneId,
            ItemId = itemId,
            Sections = [section],
            Versions = new Dictionary<string, long> { [section] = version },
            ChangedAt = change.ChangedAt,
            ChangedBy = change.ChangedBy,
            Data = data,
        };

    private static JsonObject? Removed(ChangedDocument change) => change.IsRemoved ? new JsonObject { ["removed"] = true } : null;

    private static JsonObject Json<T>(T value) => JsonSerializer.SerializeToNode(value, ApiJson.Options)!.AsObject();

    /// <summary>Bounded: forgetting is safe (the next change is then taken to affect everything it could).</summary>
    private static void Remember<TValue>(ConcurrentDictionary<string, TValue> memory, string key, TValue value)
    {
        if (memory.Count >= MaxRemembered)
        {
            memory.Clear();
        }
        memory[key] = value;
    }
}
