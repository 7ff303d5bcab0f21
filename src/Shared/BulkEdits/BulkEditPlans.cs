using System.Text.Json.Nodes;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;

namespace MultiPhone.BulkEdits;

/// <summary>What an operation makes of one location's content: the new content, or why the location is left alone.</summary>
/// <param name="RestoredFrom">An undo: the revision it puts back.</param>
public sealed record BulkStep(JsonObject? Next, Problem? Problem = null, IReadOnlyList<string>? Conflicts = null, string? RestoredFrom = null);

/// <summary>
/// One edit at each location, the same for its preview and its apply: the kind of content it writes, and the step
/// that makes the new content from a location's current one.
/// </summary>
public sealed class BulkEditPlan(LocationContents contents, Func<LocationState, CancellationToken, Task<BulkStep>> step)
{
    public LocationContents Contents => contents;

    /// <summary>What the edit does at the location now: the item (as preview and result show it) and the content to write.</summary>
    public async Task<(BulkItem Item, BulkStep Step)> ItemAsync(LocationState state, CancellationToken ct)
    {
        var (phoneId, name) = (state.Phone.Phone.Id, state.Phone.Phone.DisplayName);
        var planned = await step(state, ct);
        if ((planned.Problem ?? contents.Check(state, planned.Next)) is { } problem)
        {
            return (BulkEditRules.Failed(phoneId, name, problem) with { Conflicts = planned.Conflicts }, planned);
        }
        return (BulkEditRules.Item(phoneId, name, state.Content, planned.Next, contents.Changes(state, planned.Next)), planned);
    }
}

/// <summary>Makes the plan of an operation: picks the content it writes and reads what its step needs once (a copy's source).</summary>
public sealed class BulkEditPlans(
    SettingsSections sections, SettingsStore settingsStore, SettingsService settings, PhoneNumberService phones,
    ServiceStore services, SwitchedOffServices switchedOff, HistoryStore history)
{
    /// <summary>The plan of a checked operation, or of an undo (<paramref name="undo"/>: the undoing edit).</summary>
    public async Task<Result<BulkEditPlan>> ForAsync(string businessId, BulkOperation operation, BulkEdit? undo, CancellationToken ct)
    {
        var contents = ContentsOf(undo?.Undoes ?? operation);
        if (undo is not null)
        {
            return new BulkEditPlan(contents, (state, token) => UndoStepAsync(undo, state, token));
        }
        switch (operation.Kind)
        {
            case BulkOperationKind.Set or BulkOperationKind.Reset:
                return new BulkEditPlan(contents, (state, _) => Task.FromResult(new BulkStep(BulkEditRules.NextLayer(operation, state.Content, null))));
            case BulkOperationKind.Copy:
                var copied = await CopiedAsync(businessId, operation, ct);
                return copied.IsOk
                    ? new BulkEditPlan(contents, (_, _) => Task.FromResult(new BulkStep(copied.Value?.DeepClone().AsObject())))
                    : copied.Problem;
            case BulkOperationKind.Services:
                return new BulkEditPlan(contents, (state, _) => Task.FromResult(
                    new BulkStep(BulkEditRules.NextSwitchedOff(state.Content, operation.SwitchOff ?? [], operation.SwitchOn ?? []))));
            case BulkOperationKind.Active:
                return new BulkEditPlan(contents, (state, _) => Task.FromResult(new BulkStep(BulkEditRules.NextPhone(state.Content!, operation.IsActive!.Value))));
            default:
                throw new ArgumentException($"No plan for {operation.Kind}.", nameof(operation));
        }
    }

    /// <summary>The kind of content an operation writes at each location.</summary>
    public LocationContents ContentsOf(BulkOperation operation) => operation.Kind switch
    {
        BulkOperationKind.Set or BulkOperationKind.Reset or BulkOperationKind.Copy =>
            new SectionContents(sections.Find(operation.Section!)!, settingsStore, settings, phones),
        BulkOperationKind.Active => new PhoneContents(phones),
        BulkOperationKind.Services => new SwitchedOffContents(services, switchedOff, phones),
        _ => throw new ArgumentException($"{operation.Kind} writes nothing of its own.", nameof(operation)),
    };

    /// <summary>
    /// The layer a copy gives each phone: the source phone's own layer (what it inherits stays inherited), or the
    /// business defaults' effective section as each phone's own.
    /// </summary>
    private async Task<Result<JsonObject?>> CopiedAsync(string businessId, BulkOperation operation, CancellationToken ct)
    {
        var section = sections.Find(operation.Section!)!;
        if (operation.FromPhoneId is { } fromPhoneId)
        {
            var source = await phones.FindPhoneAsync(businessId, fromPhoneId, ct);
            return source.IsOk
                ? (await settingsStore.GetAsync(businessId, fromPhoneId, section.Name, ct))?.Item.Value
                : Problem.Validation("operation.fromPhoneId", source.Problem.Detail ?? "Not found.");
        }
        var defaults = await settingsStore.GetAsync(businessId, SectionDocument.DefaultsScope, section.Name, ct);
        return section.CopyOfDefault(defaults?.Item, businessId, SectionDocument.DefaultsScope, DateTimeOffset.MinValue).Value;
    }

    /// <summary>
    /// Puts back what the undone edit changed at the location: the fields its revision changed return to their values
    /// before, the rest stays. Left alone when a later change touched those fields, unless forced.
    /// </summary>
    private async Task<BulkStep> UndoStepAsync(BulkEdit undo, LocationState state, CancellationToken ct)
    {
        var revisionId = undo.UndoRevisions![state.Phone.Phone.Id];
        if (await history.GetAsync(undo.BusinessId, revisionId, ct) is not { } revision)
        {
            return new BulkStep(state.Content, HistoryService.NotFound(revisionId));
        }
        var later = (await history.LaterAsync(revision, ct)).Where(r => r.Actor.Id != undo.Id).ToList();
        var conflicts = RestoreRules.Conflicts(revision, later);
        if (conflicts.Count > 0 && undo.Operation.Force != true)
        {
            return new BulkStep(state.Content, new Problem(ProblemTypes.HistoryConflict, 409, "Changed since",
                $"Changed again since the bulk edit: {string.Join(", ", conflicts)}. Left as it is; undo with force to put it back anyway."), conflicts);
        }
        return new BulkStep(RestoreRules.Undo(revision, state.Content), RestoredFrom: revision.Id);
    }
}
