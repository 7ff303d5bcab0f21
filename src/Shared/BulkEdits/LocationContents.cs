using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.History;
using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;

namespace MultiPhone.BulkEdits;

/// <summary>
/// One location as a bulk edit sees it: its content as history records it (a section layer, a phone's details, a
/// switched-off list), the ETag a write must match, and for a section the business defaults below it.
/// </summary>
/// <param name="OnlyPhone">Whether it is the business's only phone (the primary may be deactivated only then).</param>
public sealed record LocationState(PhoneView Phone, JsonObject? Content, string ETag, JsonObject? Defaults = null, bool OnlyPhone = false);

/// <summary>
/// One kind of content a bulk edit writes at each location: how it is read (all locations at once for a preview, one
/// for an apply), checked, compared and written. Writes go through the content's own service, with its validation,
/// If-Match and revision, exactly as the location's own route writes it.
/// </summary>
public abstract class LocationContents
{
    /// <summary>The container its documents (and their revisions) are in.</summary>
    public abstract string Container { get; }

    public abstract string DocumentId(string phoneId);

    public abstract Task<IReadOnlyDictionary<string, LocationState>> ReadAllAsync(string businessId, IReadOnlyList<PhoneView> phones, CancellationToken ct);

    public abstract Task<Result<LocationState>> ReadAsync(string businessId, string phoneId, CancellationToken ct);

    /// <summary>Why <paramref name="next"/> cannot be written at this location, if it cannot (checked again by the write).</summary>
    public virtual Problem? Check(LocationState state, JsonObject? next) => null;

    public abstract IReadOnlyList<BulkChange> Changes(LocationState state, JsonObject? next);

    /// <summary>Writes under the state's ETag; a 412 problem when the location changed since it was read.</summary>
    public abstract Task<Result<bool>> WriteAsync(string businessId, LocationState state, JsonObject? next, CancellationToken ct);
}

/// <summary>A settings section's layer at each phone.</summary>
public sealed class SectionContents(SettingsSection section, SettingsStore store, SettingsService settings, PhoneNumberService phones) : LocationContents
{
    public override string Container => SettingsStore.Definition.Name;

    public override string DocumentId(string phoneId) => SectionDocument.IdOf(phoneId, section.Name);

    public override async Task<IReadOnlyDictionary<string, LocationState>> ReadAllAsync(string businessId, IReadOnlyList<PhoneView> phones, CancellationToken ct)
    {
        var layers = (await store.ListSectionAsync(businessId, section.Name, ct)).ToDictionary(l => l.Item.Scope, l => l.Item, StringComparer.Ordinal);
        var defaults = layers.GetValueOrDefault(SectionDocument.DefaultsScope)?.Value;
        return phones.ToDictionary(view => view.Phone.Id, view => State(view, layers.GetValueOrDefault(view.Phone.Id), defaults), StringComparer.Ordinal);
    }

    public override async Task<Result<LocationState>> ReadAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.GetAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        var defaults = store.GetAsync(businessId, SectionDocument.DefaultsScope, section.Name, ct);
        var layer = await store.GetAsync(businessId, phoneId, section.Name, ct);
        return State(phone.Value, layer?.Item, (await defaults)?.Item.Value);
    }

    public override Problem? Check(LocationState state, JsonObject? next)
    {
        var errors = new FieldErrors();
        section.CheckEffective(SettingsMerge.Merge(section.SystemLayer, state.Defaults, next).Effective, errors);
        return errors.Any ? errors.ToProblem() : null;
    }

    public override IReadOnlyList<BulkChange> Changes(LocationState state, JsonObject? next) =>
        BulkEditRules.SectionChanges(section.SystemLayer, state.Defaults, state.Content, next);

    public override async Task<Result<bool>> WriteAsync(string businessId, LocationState state, JsonObject? next, CancellationToken ct)
    {
        var put = await settings.PutLayerAsync(section.Name, businessId, state.Phone.Phone.Id, next, state.ETag, ct);
        return put.IsOk ? true : put.Problem;
    }

    private static LocationState State(PhoneView phone, SectionDocument? layer, JsonObject? defaults) =>
        new(phone, layer?.Value, layer?.ETag ?? SectionDocument.ETagOf(0), defaults);
}

/// <summary>A phone's own details (its active flag), through the phone's update.</summary>
public sealed class PhoneContents(PhoneNumberService phones) : LocationContents
{
    public override string Container => PhoneNumberStore.PhonesDefinition.Name;

    public override string DocumentId(string phoneId) => phoneId;

    /// <param name="businessId">The business.</param>
    /// <param name="phones">Every phone of the business.</param>
    /// <param name="ct">Cancellation.</param>
    public override Task<IReadOnlyDictionary<string, LocationState>> ReadAllAsync(string businessId, IReadOnlyList<PhoneView> phones, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, LocationState>>(
            phones.ToDictionary(view => view.Phone.Id, view => State(view, phones.Count == 1), StringComparer.Ordinal));

    public override async Task<Result<LocationState>> ReadAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.GetAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        // Only the primary's deactivation depends on the other phones, so only for it are they counted.
        var onlyPhone = phone.Value.IsPrimary && (await phones.ListAsync(businessId, active: null, ct)) is { IsOk: true, Value.Count: 1 };
        return State(phone.Value, onlyPhone);
    }

    public override Problem? Check(LocationState state, JsonObject? next) =>
        state.Phone.IsPrimary && !state.OnlyPhone && next?["isActive"]?.GetValue<bool>() == false ? PhoneNumberService.PrimaryCannotBeDeactivated() : null;

    public override IReadOnlyList<BulkChange> Changes(LocationState state, JsonObject? next) => BulkEditRules.ContentChanges(state.Content, next);

    public override async Task<Result<bool>> WriteAsync(string businessId, LocationState state, JsonObject? next, CancellationToken ct)
    {
        var input = next!.Deserialize<PhoneNumberInput>(ApiJson.Options)!;
        var updated = await phones.UpdateAsync(businessId, state.Phone.Phone.Id, input, state.ETag, ct);
        return updated.IsOk ? true : updated.Problem;
    }

    private static LocationState State(PhoneView view, bool onlyPhone) => new(view, Revisions.Content(view.Phone), view.ETag, OnlyPhone: onlyPhone);
}

/// <summary>Which business-wide services each phone switches off, through the phone's switched-off list.</summary>
public sealed class SwitchedOffContents(ServiceStore store, SwitchedOffServices switchedOff, PhoneNumberService phones) : LocationContents
{
    public override string Container => ServiceStore.SelectionsDefinition.Name;

    public override string DocumentId(string phoneId) => phoneId;

    public override async Task<IReadOnlyDictionary<string, LocationState>> ReadAllAsync(string businessId, IReadOnlyList<PhoneView> phones, CancellationToken ct)
    {
        var lists = (await store.Lists.ListAsync(businessId, ct)).ToDictionary(l => l.Item.Id, l => l.Item, StringComparer.Ordinal);
        return phones.ToDictionary(view => view.Phone.Id, view => State(view, lists.GetValueOrDefault(view.Phone.Id)), StringComparer.Ordinal);
    }

    public override async Task<Result<LocationState>> ReadAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.GetAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        return State(phone.Value, (await store.Lists.GetAsync(businessId, phoneId, ct))?.Item);
    }

    public override IReadOnlyList<BulkChange> Changes(LocationState state, JsonObject? next) => BulkEditRules.ContentChanges(state.Content, next);

    public override async Task<Result<bool>> WriteAsync(string businessId, LocationState state, JsonObject? next, CancellationToken ct)
    {
        var ids = next?["businessServiceIds"]?.AsArray().Select(id => id!.GetValue<string>()).ToList() ?? [];
        var replaced = await switchedOff.ReplaceAsync(businessId, state.Phone.Phone.Id, new SwitchedOffInput { BusinessServiceIds = ids! }, state.ETag, ct);
        return replaced.IsOk ? true : replaced.Problem;
    }

    private static LocationState State(PhoneView phone, PhoneServiceSelection? list) =>
        new(phone, list is null ? null : Revisions.Content(list), list?.ETag ?? VersionETags.Of(VersionETags.NeverWritten));
}
