using System.Text.Json.Nodes;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.ScheduledChanges;

/// <summary>
/// What will be in effect at an instant: the layers as stored with every pending change due by then put in, in the
/// order they fall due. Conflicts are not predicted (a change that would be skipped is shown applied).
/// </summary>
public sealed class SchedulePreview(ScheduledChangeStore store)
{
    public async Task<PreviewAt> AtAsync(string businessId, DateTimeOffset at, CancellationToken ct) =>
        new([.. (await store.ListPendingAsync(businessId, ct)).OrderBy(c => c.UpdatedAt)], at);
}

/// <summary>The pending changes of one business, read for one instant.</summary>
public sealed class PreviewAt(IReadOnlyList<ScheduledChange> pending, DateTimeOffset at)
{
    /// <summary>Whether anything pending is due by the instant for this phone (or for the defaults, when null).</summary>
    public bool Touches(string? phoneId) =>
        pending.Any(change => phoneId is null ? DefaultsDue(change) : change.PhoneId == phoneId ? Due(change, phoneId) : DefaultsDue(change) || Due(change, phoneId));

    /// <summary>The layers of <paramref name="section"/> as a phone (or the defaults, when null) will have them.</summary>
    public LayerOverlay Overlay(string businessId, string section, string? phoneId) => (defaults, phone) =>
        (Defaults(defaults, businessId, section, phoneId), phoneId is null ? phone : Phone(phone, businessId, section, phoneId));

    /// <summary>The defaults layer of <paramref name="section"/> as <paramref name="phoneId"/> will inherit it (or as the defaults will be, when null).</summary>
    public SectionDocument? Defaults(SectionDocument? current, string businessId, string section, string? phoneId)
    {
        var value = current?.Value;
        foreach (var change in pending.Where(c => c.PhoneId is null && c.Section == section && c.DefaultsStatus == ScheduleStatus.Pending))
        {
            var reaches = phoneId is null || change.Applications.FirstOrDefault(a => a.PhoneId == phoneId) is not { } application
                ? DefaultsDue(change)
                : Due(application);
            value = reaches ? ScheduleRules.Merge(value, change.Set) : value;
        }
        return With(current, businessId, SectionDocument.DefaultsScope, section, value);
    }

    /// <summary>The phone's own layer of <paramref name="section"/>: its own changes put in, and what it holds for a default change released.</summary>
    public SectionDocument? Phone(SectionDocument? current, string businessId, string section, string phoneId)
    {
        var value = current?.Value;
        foreach (var change in pending.Where(c => c.Section == section))
        {
            var application = change.Applications.FirstOrDefault(a => a.PhoneId == phoneId && Due(a));
            if (application is null)
            {
                continue;
            }
            value = change.PhoneId == phoneId ? ScheduleRules.Merge(value, change.Set)
                : change.PhoneId is null && application.Held is { } held ? ScheduleRules.Release(value, held)
                : value;
        }
        return With(current, businessId, phoneId, section, value);
    }

    /// <summary>The phone's details with its own pending changes of isActive and displayName put in.</summary>
    public PhoneNumber Details(PhoneNumber phone) => pending
        .Where(c => c.PhoneId == phone.Id && c.Section == ScheduleRules.PhoneSection && Due(c, phone.Id))
        .Aggregate(phone, (current, change) => current with
        {
            DisplayName = change.Set["displayName"]?.GetValue<string>() ?? current.DisplayName,
            IsActive = change.Set["isActive"]?.GetValue<bool>() ?? current.IsActive,
        });

    private bool Due(ScheduleApplication application) => application.Status == ScheduleStatus.Pending && application.DueAt <= at;

    private bool Due(ScheduledChange change, string phoneId) => change.Applications.Any(a => a.PhoneId == phoneId && Due(a));

    private bool DefaultsDue(ScheduledChange change) =>
        change.PhoneId is null && change.DefaultsStatus == ScheduleStatus.Pending && change.DefaultsDueAt <= at;

    private static SectionDocument? With(SectionDocument? current, string businessId, string scope, string section, JsonObject? value) =>
        ReferenceEquals(value, current?.Value) ? current
            : (current ?? new SectionDocument
            {
                Id = SectionDocument.IdOf(scope, section),
                BusinessId = businessId,
                Scope = scope,
                Section = section,
                Version = 0,
                UpdatedAt = DateTimeOffset.MinValue,
            }) with { Value = value };
}
