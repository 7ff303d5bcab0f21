using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.ScheduledChanges;

/// <summary>
/// Applies a scheduled change when its time comes (called by its Durable orchestration): writes as a user's PUT would,
/// as the schedule, each write with its revision stamped with the change. At most once per target: a write already
/// stamped with the change and step is found in the target's history and not made again, and every write is
/// conditional on the target's ETag, so two runs of the same step cannot both write.
/// </summary>
public sealed partial class ScheduleApplier(
    ScheduledChangeStore store,
    SettingsStore settings,
    SettingsService settingsService,
    SettingsSections sections,
    PhoneNumberService phones,
    HistoryStore history,
    TimeProvider time,
    ILogger<ScheduleApplier> logger)
{
    private const int Attempts = 10;

    /// <summary>The instants still to wait for, soonest first; none when the change is gone, cancelled or rescheduled since.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> DueTimesAsync(string businessId, string changeId, long version, CancellationToken ct)
    {
        if (await store.GetAsync(businessId, changeId, ct) is not { Item: var change } || change.Version != version || change.Cancelled)
        {
            return [];
        }
        IEnumerable<DateTimeOffset> defaults = change.DefaultsDueAt is { } at && change.DefaultsStatus == ScheduleStatus.Pending ? [at] : [];
        return [.. change.Applications.Where(a => a.Status == ScheduleStatus.Pending).Select(a => a.DueAt).Concat(defaults).Distinct().Order()];
    }

    /// <summary>Applies everything of the change due by <paramref name="due"/> (or by now, if the app was down) and records the outcomes.</summary>
    public async Task<ScheduleStatus?> ApplyDueAsync(string businessId, string changeId, long version, DateTimeOffset due, CancellationToken ct)
    {
        if (await store.GetAsync(businessId, changeId, ct) is not { Item: var change } || change.Version != version || change.Cancelled)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var by = now > due ? now : due;
        using var author = ChangeAuthor.As(new Author(AuthorKind.Schedule, change.Id, change.CreatedBy.Name ?? change.CreatedBy.Id));
        var outcomes = new Dictionary<string, ScheduleApplication>(StringComparer.Ordinal);
        DefaultsOutcome? defaults = null;
        if (change.PhoneId is null && change.DefaultsStatus == ScheduleStatus.Pending && change.DefaultsDueAt <= by)
        {
            (defaults, var resolved) = await ApplyDefaultsAsync(change, by, ct);
            foreach (var application in resolved)
            {
                outcomes[application.PhoneId] = application;
            }
        }
        foreach (var application in change.Applications.Where(a => a.Status == ScheduleStatus.Pending && a.DueAt <= by && !outcomes.ContainsKey(a.PhoneId)))
        {
            outcomes[application.PhoneId] = change.PhoneId is null
                ? await ReleaseAsync(change, application, ct)
                : await ApplyToPhoneAsync(change, application, ct);
        }
        return await RecordAsync(change, outcomes, defaults, ct);
    }

    /// <summary>
    /// The defaults' time came (the earliest zone's): the phones whose own time is later first keep the old values of
    /// the fields they inherit, as their own until then; then the defaults change. Skipped as a whole on a conflict.
    /// </summary>
    private async Task<(DefaultsOutcome Outcome, List<ScheduleApplication> Resolved)> ApplyDefaultsAsync(ScheduledChange change, DateTimeOffset by, CancellationToken ct)
    {
        var paths = ScheduleRules.Paths(change.Set);
        var stamp = Stamp(change, change.DefaultsDueAt!.Value, ScheduleStamp.Apply);
        var resolved = new List<ScheduleApplication>();
        var defaults = await WriteSectionAsync(change, phoneId: null, stamp, (layer, revisions) =>
            (ScheduleRules.Merge(layer, change.Set), ScheduleRules.Conflicts(paths, revisions, change.UpdatedAt)), ct);
        if (defaults.Status != ScheduleStatus.Applied)
        {
            resolved.AddRange(change.Applications.Where(a => a.Status == ScheduleStatus.Pending).Select(a => Resolve(a, defaults)));
            return (new DefaultsOutcome(defaults.Status, null), resolved);
        }
        var system = sections.Find(change.Section)!.SystemLayer;
        foreach (var later in change.Applications.Where(a => a.Status == ScheduleStatus.Pending && a.DueAt > by))
        {
            resolved.Add(await HoldAsync(change, later, defaults.Before, system, ct));
        }
        resolved.AddRange(change.Applications
            .Where(a => a.Status == ScheduleStatus.Pending && a.DueAt <= by)
            .Select(a => Resolve(a, defaults)));
        return (new DefaultsOutcome(ScheduleStatus.Applied, defaults.RevisionId), resolved);
    }

    /// <summary>A later phone keeps the old effective value of each field it inherits, as its own, until its time.</summary>
    private async Task<ScheduleApplication> HoldAsync(ScheduledChange change, ScheduleApplication application, JsonObject? oldDefaults, JsonObject system, CancellationToken ct)
    {
        var (oldEffective, _) = SettingsMerge.Merge(system, oldDefaults, null);
        JsonObject? held = null;
        var written = await WriteSectionAsync(change, application.PhoneId, Stamp(change, application.DueAt, ScheduleStamp.Hold), (layer, _) =>
        {
            held = ScheduleRules.Paths(change.Set)
                .Where(path => FieldDiff.At(layer, path) is null)
                .Aggregate((JsonObject?)null, (content, path) => FieldDiff.With(content, path, FieldDiff.At(oldEffective, path)));
            return (held is null ? layer : ScheduleRules.Merge(layer, held), []);
        }, ct);
        if (written.Earlier is { } earlier)
        {
            // Held by an earlier run of this step: what it held is what that revision set.
            held = earlier.Changes.Where(c => c.After is not null).Aggregate((JsonObject?)null, (content, c) => FieldDiff.With(content, c.Path, c.After));
        }
        return written.Status == ScheduleStatus.Failed ? Resolve(application, written) : application with { Held = held };
    }

    /// <summary>A phone's own time came for a default change: it follows the defaults again in the fields it was holding.</summary>
    private async Task<ScheduleApplication> ReleaseAsync(ScheduledChange change, ScheduleApplication application, CancellationToken ct)
    {
        if (application.Held is not { } held)
        {
            // Nothing was held: the phone overrode every field before the defaults changed, so there is nothing to take back.
            return application with { Status = ScheduleStatus.Applied, AppliedAt = time.GetUtcNow(), LateByMs = LateBy(application.DueAt) };
        }
        var written = await WriteSectionAsync(change, application.PhoneId, Stamp(change, application.DueAt, ScheduleStamp.Release), (layer, _) =>
            (ScheduleRules.Release(layer, held), ScheduleRules.ChangedSinceHeld(held, layer)), ct);
        return Resolve(application, written);
    }

    private async Task<ScheduleApplication> ApplyToPhoneAsync(ScheduledChange change, ScheduleApplication application, CancellationToken ct)
    {
        var stamp = Stamp(change, application.DueAt, ScheduleStamp.Apply);
        var paths = ScheduleRules.Paths(change.Set);
        var written = change.Section == ScheduleRules.PhoneSection
            ? await WritePhoneAsync(change, stamp, paths, ct)
            : await WriteSectionAsync(change, application.PhoneId, stamp, (layer, revisions) =>
                (ScheduleRules.Merge(layer, change.Set), ScheduleRules.Conflicts(paths, revisions, change.UpdatedAt)), ct);
        return Resolve(application, written);
    }

    private ScheduleApplication Resolve(ScheduleApplication application, Written written) => application with
    {
        Status = written.Status,
        AppliedAt = written.Status == ScheduleStatus.Applied ? written.At ?? time.GetUtcNow() : null,
        LateByMs = written.Status == ScheduleStatus.Applied ? LateBy(application.DueAt, written.At) : null,
        RevisionId = written.RevisionId,
        Conflicts = written.Conflicts,
        Problem = written.Problem,
    };

    /// <summary>
    /// Writes the phone's layer (or the defaults') as <paramref name="compute"/> says from the current layer and its
    /// revisions since the change was scheduled; skipped on conflicts unless the policy is apply; again on a lost race.
    /// </summary>
    private async Task<Written> WriteSectionAsync(
        ScheduledChange change, string? phoneId, ScheduleStamp stamp,
        Func<JsonObject?, IReadOnlyList<Revision>, (JsonObject? Next, IReadOnlyList<string> Conflicts)> compute, CancellationToken ct)
    {
        var scope = phoneId ?? SectionDocument.DefaultsScope;
        var documentId = SectionDocument.IdOf(scope, change.Section);
        for (var attempt = 1; ; attempt++)
        {
            var layer = await settings.GetAsync(change.BusinessId, scope, change.Section, ct);
            var revisions = await history.SinceAsync(change.BusinessId, SettingsStore.Definition.Name, documentId, change.UpdatedAt, ct);
            if (Done(revisions, stamp) is { } done)
            {
                return new Written(ScheduleStatus.Applied, done.Id, done.At, Before: done.Before, Earlier: done);
            }
            var (next, conflicts) = compute(layer?.Item.Value, revisions);
            if (conflicts.Count > 0 && change.OnConflict == ConflictPolicy.Skip)
            {
                return new Written(ScheduleStatus.Skipped, Conflicts: conflicts);
            }
            if (JsonNode.DeepEquals(next, layer?.Item.Value))
            {
                return new Written(ScheduleStatus.Applied, Before: layer?.Item.Value);
            }
            var started = time.GetUtcNow();
            Result<string> put;
            using (var write = Revisions.Applying(stamp with { LateByMs = LateBy(stamp.DueAt, started) }))
            {
                put = await settingsService.PutLayerAsync(change.Section, change.BusinessId, phoneId, next, layer?.Item.ETag ?? SectionDocument.ETagOf(0), ct);
                if (put.IsOk)
                {
                    return new Written(ScheduleStatus.Applied, write.RevisionId, started, Before: layer?.Item.Value);
                }
            }
            if (put.Problem.Status != 412 || attempt == Attempts)
            {
                LogFailed(logger, change.Id, scope, put.Problem.Detail);
                return new Written(ScheduleStatus.Failed, Problem: new ScheduleProblem(put.Problem.Title, put.Problem.Detail, put.Problem.Errors));
            }
            await LostRaceAsync(attempt, ct);
        }
    }

    /// <summary>A change of the phone's details (isActive, displayName), through the phone's own update.</summary>
    private async Task<Written> WritePhoneAsync(ScheduledChange change, ScheduleStamp stamp, IReadOnlyList<string> paths, CancellationToken ct)
    {
        var phoneId = change.PhoneId!;
        for (var attempt = 1; ; attempt++)
        {
            var found = await phones.GetAsync(change.BusinessId, phoneId, ct);
            if (!found.IsOk)
            {
                return new Written(ScheduleStatus.Failed, Problem: new ScheduleProblem(found.Problem.Title, found.Problem.Detail));
            }
            var revisions = await history.SinceAsync(change.BusinessId, PhoneNumberStore.PhonesDefinition.Name, phoneId, change.UpdatedAt, ct);
            if (Done(revisions, stamp) is { } done)
            {
                return new Written(ScheduleStatus.Applied, done.Id, done.At);
            }
            var conflicts = ScheduleRules.Conflicts(paths, revisions, change.UpdatedAt);
            if (conflicts.Count > 0 && change.OnConflict == ConflictPolicy.Skip)
            {
                return new Written(ScheduleStatus.Skipped, Conflicts: conflicts);
            }
            var phone = found.Value.Phone;
            var input = new PhoneNumberInput
            {
                DisplayName = change.Set["displayName"]?.GetValue<string>() ?? phone.DisplayName,
                Address = phone.Address,
                Timezone = phone.Timezone,
                IsActive = change.Set["isActive"]?.GetValue<bool>() ?? phone.IsActive,
            };
            if (input.DisplayName == phone.DisplayName && input.IsActive == phone.IsActive)
            {
                return new Written(ScheduleStatus.Applied);
            }
            var started = time.GetUtcNow();
            Result<PhoneView> updated;
            using (var write = Revisions.Applying(stamp with { LateByMs = LateBy(stamp.DueAt, started) }))
            {
                updated = await phones.UpdateAsync(change.BusinessId, phoneId, input, found.Value.ETag, ct);
                if (updated.IsOk)
                {
                    return new Written(ScheduleStatus.Applied, write.RevisionId, started);
                }
            }
            if (updated.Problem.Status != 412 || attempt == Attempts)
            {
                LogFailed(logger, change.Id, phoneId, updated.Problem.Detail);
                return new Written(ScheduleStatus.Failed, Problem: new ScheduleProblem(updated.Problem.Title, updated.Problem.Detail, updated.Problem.Errors));
            }
            await LostRaceAsync(attempt, ct);
        }
    }

    /// <summary>Stores the outcomes on the change, on whatever version of the document is current (a lost race is read again).</summary>
    private async Task<ScheduleStatus?> RecordAsync(ScheduledChange read, Dictionary<string, ScheduleApplication> outcomes, DefaultsOutcome? defaults, CancellationToken ct)
    {
        if (outcomes.Count == 0 && defaults is null)
        {
            return read.Status;
        }
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await store.GetAsync(read.BusinessId, read.Id, ct) is not { } current)
            {
                return null;
            }
            var updated = current.Item with
            {
                Applications = [.. current.Item.Applications.Select(a => outcomes.GetValueOrDefault(a.PhoneId) ?? a)],
                DefaultsStatus = defaults?.Status ?? current.Item.DefaultsStatus,
                DefaultsRevisionId = defaults?.RevisionId ?? current.Item.DefaultsRevisionId,
            };
            if ((await store.ReplaceAsync(updated, current.ETag, ct)).Done)
            {
                return updated.Status;
            }
        }
        throw new InvalidOperationException($"Could not record the outcome of scheduled change {read.Id}: it kept changing.");
    }

    /// <summary>After losing a race for the target (several changes due at once on one section): a short, spread wait before reading again.</summary>
    private Task LostRaceAsync(int attempt, CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), time, ct);

    private static Revision? Done(IEnumerable<Revision> revisions, ScheduleStamp stamp) =>
        revisions.LastOrDefault(r => r.Scheduled is { } s && s.ChangeId == stamp.ChangeId && s.Step == stamp.Step && s.DueAt == stamp.DueAt);

    private static ScheduleStamp Stamp(ScheduledChange change, DateTimeOffset dueAt, string step) => new(change.Id, change.CreatedBy, dueAt, 0, step);

    private long LateBy(DateTimeOffset dueAt, DateTimeOffset? at = null) =>
        Math.Max(0, (long)((at ?? time.GetUtcNow()) - dueAt).TotalMilliseconds);

    /// <summary>
    /// What a write came to. <see cref="Before"/>: the layer it replaced (the defaults' old values, for holds);
    /// <see cref="Earlier"/>: the revision of the same step found already written (a run again after a crash).
    /// </summary>
    private sealed record Written(
        ScheduleStatus Status, string? RevisionId = null, DateTimeOffset? At = null, IReadOnlyList<string>? Conflicts = null,
        ScheduleProblem? Problem = null, JsonObject? Before = null, Revision? Earlier = null);

    private sealed record DefaultsOutcome(ScheduleStatus Status, string? RevisionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled change {ChangeId} failed on {Target}: {Detail}")]
    private static partial void LogFailed(ILogger logger, string changeId, string target, string? detail);
}
