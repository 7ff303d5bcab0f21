using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;
using MultiPhone.ScheduledChanges;
using MultiPhone.Services;
using MultiPhone.Settings;
using NodaTime;

namespace MultiPhone.BulkEdits;

/// <summary>
/// Checks a bulk edit, previews it, stores it for its orchestration to apply (<see cref="BulkEditApplier"/>), reads
/// edits with their items, and makes the edit that undoes one.
/// </summary>
public sealed class BulkEditService(
    BulkEditStore store, BusinessService businesses, PhoneNumberService phones, SettingsSections sections, ServiceStore services,
    BulkEditPlans plans, TimeProvider time)
{
    /// <summary>Per location, what the edit would do now; nothing is written.</summary>
    public async Task<Result<BulkPreview>> PreviewAsync(string businessId, BulkEditInput input, CancellationToken ct)
    {
        var checkedEdit = await CheckAsync(businessId, input, ct);
        if (!checkedEdit.IsOk)
        {
            return checkedEdit.Problem;
        }
        var (operation, all, targets) = checkedEdit.Value;
        var plan = await plans.ForAsync(businessId, operation, undo: null, ct);
        if (!plan.IsOk)
        {
            return plan.Problem;
        }
        var states = await plan.Value.Contents.ReadAllAsync(businessId, all, ct);
        var items = new List<BulkItem>(targets.Count);
        foreach (var phoneId in targets)
        {
            items.Add(states.TryGetValue(phoneId, out var state)
                ? (await plan.Value.ItemAsync(state, ct)).Item
                : BulkEditRules.Failed(phoneId, null, PhoneNumberService.NotFound(phoneId)));
        }
        return new BulkPreview(BulkCounts.Of(items), items);
    }

    /// <summary>Stores the checked edit, running, with its locations; its orchestration (started by the caller) applies it.</summary>
    public async Task<Result<BulkEdit>> CreateAsync(string businessId, BulkEditInput input, CancellationToken ct)
    {
        var checkedEdit = await CheckAsync(businessId, input, ct);
        if (!checkedEdit.IsOk)
        {
            return checkedEdit.Problem;
        }
        var (operation, _, targets) = checkedEdit.Value;
        if (operation.Kind == BulkOperationKind.Copy && await plans.ForAsync(businessId, operation, undo: null, ct) is { IsOk: false } copy)
        {
            return copy.Problem;
        }
        return await StoreAsync(New(businessId, input.Target!, operation, input.Note?.Trim(), targets), ct);
    }

    /// <summary>
    /// The edit that undoes <paramref name="editId"/>: at every location it changed, the fields it changed go back to
    /// their values before; locations changed again since are left alone (and listed as failed) unless forced.
    /// </summary>
    /// <param name="businessId">The business.</param>
    /// <param name="editId">The edit to undo.</param>
    /// <param name="force">Put back locations changed again since, too.</param>
    /// <param name="forbidden">Whether the caller may not make the edit's operation (its role).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<BulkEdit>> UndoAsync(string businessId, string editId, bool force, Func<BulkOperation, Problem?> forbidden, CancellationToken ct)
    {
        var found = await FindAsync(businessId, editId, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var (original, etag) = (found.Value.Item, found.Value.ETag);
        if (forbidden(original.Undoes ?? original.Operation) is { } refused)
        {
            return refused;
        }
        if (original.Status == BulkEditStatus.Running)
        {
            return new Problem(ProblemTypes.BulkEditRunning, 409, "The bulk edit is still running", "Undo it once it has finished.");
        }
        if (original.UndoneBy is { } undoneBy)
        {
            return new Problem(ProblemTypes.BulkEditUndone, 409, "The bulk edit was undone already", $"Bulk edit '{undoneBy}' undid it.");
        }
        var changed = (await store.ListBatchesAsync(businessId, editId, ct))
            .SelectMany(batch => batch.Items)
            .Where(item => item is { Outcome: BulkOutcome.Change, RevisionId: not null })
            .ToDictionary(item => item.PhoneId, item => item.RevisionId!, StringComparer.Ordinal);
        var undo = New(businessId, original.Target, new BulkOperation { Kind = BulkOperationKind.Undo, Of = editId, Force = force }, note: null, [.. changed.Keys]) with
        {
            Undoes = original.Undoes ?? original.Operation,
            UndoRevisions = changed,
        };
        // Marked first: a second undo is refused even while this one runs; a lost race means another undo came first.
        if (!(await store.ReplaceAsync(original with { UndoneBy = undo.Id }, etag, ct)).Done)
        {
            return Problem.PreconditionFailed("The bulk edit changed while undoing it (perhaps someone else undid it); read it again.");
        }
        return await StoreAsync(undo, ct);
    }

    public async Task<Result<BulkEditResponse>> GetAsync(string businessId, string editId, CancellationToken ct)
    {
        var found = await FindAsync(businessId, editId, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var batches = await store.ListBatchesAsync(businessId, editId, ct);
        return BulkEditResponse.From(found.Value.Item, [.. batches.SelectMany(batch => batch.Items)]);
    }

    public async Task<Result<IReadOnlyList<BulkEditResponse>>> ListAsync(string businessId, CancellationToken ct)
    {
        var business = await businesses.GetAsync(businessId, ct);
        return business.IsOk ? (await store.ListAsync(businessId, ct)).Select(edit => BulkEditResponse.From(edit)).ToList() : business.Problem;
    }

    private async Task<Result<Stored<BulkEdit>>> FindAsync(string businessId, string editId, CancellationToken ct) =>
        await store.GetAsync(businessId, editId, ct) is { } edit ? edit : Problem.NotFound($"Bulk edit '{editId}' was not found in this business.");

    private BulkEdit New(string businessId, BulkTarget target, BulkOperation operation, string? note, IReadOnlyList<string> phoneIds)
    {
        var now = time.GetUtcNow();
        return new BulkEdit
        {
            Id = BulkEditIds.New(now),
            BusinessId = businessId,
            Target = target,
            Operation = operation,
            Note = note,
            CreatedAt = now,
            CreatedBy = ChangeAuthor.Who ?? new Author(AuthorKind.System, "unknown"),
            Status = BulkEditStatus.Running,
            PhoneIds = phoneIds,
            Counts = BulkCounts.None,
        };
    }

    private async Task<Result<BulkEdit>> StoreAsync(BulkEdit edit, CancellationToken ct)
    {
        var created = await store.CreateAsync(edit, ct);
        return created.Done ? edit : throw new InvalidOperationException($"Bulk edit id {edit.Id} was taken.");
    }

    /// <summary>The operation checked and normalised, every ready phone of the business, and the locations targeted in list order.</summary>
    private async Task<Result<(BulkOperation Operation, IReadOnlyList<PhoneView> All, IReadOnlyList<string> Targets)>> CheckAsync(
        string businessId, BulkEditInput input, CancellationToken ct)
    {
        var business = await businesses.GetAsync(businessId, ct);
        if (!business.IsOk)
        {
            return business.Problem;
        }
        var listed = await phones.ListAsync(businessId, active: null, ct);
        if (!listed.IsOk)
        {
            return listed.Problem;
        }
        var all = listed.Value;
        var errors = new FieldErrors();
        var targets = Targets(input.Target!, all, errors);
        var operation = await CheckOperationAsync(businessId, input.Operation!, new SectionContext(business.Value.CompanyProfile?.DefaultCountry), errors, ct);
        if (!errors.Any && targets.Count == 0)
        {
            errors.Add("target", "No location matches the target.");
        }
        return errors.Any ? errors.ToProblem() : (operation!, all, targets);
    }

    /// <summary>The phones the target names, in the list's order; for phone ids, unknown ones last (each fails as not found).</summary>
    private static List<string> Targets(BulkTarget target, IReadOnlyList<PhoneView> all, FieldErrors errors)
    {
        var given = new[] { target.PhoneIds is not null, target.Label is not null, target.All is not null, target.TimeZone is not null }.Count(g => g);
        if (given != 1)
        {
            errors.Add("target", "Give exactly one of phoneIds, label, all or timeZone.");
            return [];
        }
        if (target.PhoneIds is { } ids)
        {
            if (ids.Count is 0 or > BulkEditRules.MaxLocations)
            {
                errors.Add("target.phoneIds", $"Give 1 to {BulkEditRules.MaxLocations} phone ids.");
                return [];
            }
            var wanted = ids.ToHashSet(StringComparer.Ordinal);
            var known = all.Select(view => view.Phone.Id).Where(wanted.Contains).ToList();
            return [.. known, .. wanted.Except(known, StringComparer.Ordinal)];
        }
        Func<PhoneView, bool>? match = null;
        if (target.Label is { } label)
        {
            var normalized = PhoneLabels.Normalize(label);
            if (normalized is null)
            {
                errors.Add("target.label", PhoneLabels.Rule);
            }
            match = view => view.Phone.Labels.Contains(normalized, StringComparer.Ordinal);
        }
        else if (target.All is { } everything)
        {
            if (!everything)
            {
                errors.Add("target.all", "Must be true; to pick some locations, give phoneIds, a label or a timeZone.");
            }
            match = view => view.Phone.IsActive;
        }
        else if (target.TimeZone is { } zone)
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            {
                errors.Add("target.timeZone", $"'{zone}' is not an IANA time zone, such as America/New_York.");
            }
            match = view => view.Phone.IsActive && view.Phone.Timezone == zone;
        }
        var matched = errors.Any ? [] : all.Where(match!).Select(view => view.Phone.Id).ToList();
        if (matched.Count > BulkEditRules.MaxLocations)
        {
            errors.Add("target", $"It matches {matched.Count} locations; a bulk edit reaches at most {BulkEditRules.MaxLocations}.");
        }
        return matched;
    }

    private async Task<BulkOperation?> CheckOperationAsync(string businessId, BulkOperation operation, SectionContext context, FieldErrors errors, CancellationToken ct)
    {
        var kind = operation.Kind;
        if (kind is null or BulkOperationKind.Undo)
        {
            errors.Add("operation.kind", "Must be one of: set, reset, copy, services, active.");
            return null;
        }
        foreach (var (member, _) in Members(operation).Where(m => m.Given && !Uses(kind.Value, m.Name)))
        {
            errors.Add($"operation.{member}", $"Not used by {JsonNamingPolicy.CamelCase.ConvertName(kind.Value.ToString())}.");
        }
        switch (kind)
        {
            case BulkOperationKind.Set or BulkOperationKind.Reset or BulkOperationKind.Copy:
                if (operation.Section is null || sections.Find(operation.Section) is not { } section)
                {
                    errors.Add("operation.section", $"Must be one of: {string.Join(", ", sections.Names)}.");
                    return null;
                }
                return kind switch
                {
                    BulkOperationKind.Set => operation with { Fields = CheckSet(section, operation.Fields, context, errors) },
                    BulkOperationKind.Reset => operation with { Fields = CheckReset(section, operation.Fields, errors) },
                    _ => operation,
                };
            case BulkOperationKind.Services:
                await CheckServicesAsync(businessId, operation, errors, ct);
                return operation with { SwitchOff = operation.SwitchOff ?? [], SwitchOn = operation.SwitchOn ?? [] };
            default:
                if (operation.IsActive is null)
                {
                    errors.Add("operation.isActive", "Required.");
                }
                return operation;
        }
    }

    private static JsonObject? CheckSet(SettingsSection section, JsonNode? fields, SectionContext context, FieldErrors errors)
    {
        if (fields is not JsonObject { Count: > 0 } set)
        {
            errors.Add("operation.fields", "Give the fields to set, as an object.");
            return null;
        }
        var checkedFields = new FieldErrors();
        var normalized = section.Normalize(set, context, checkedFields);
        if (checkedFields.Any)
        {
            // The section names a field as a scheduled change's "set.x"; here it is the operation's field.
            foreach (var (field, messages) in checkedFields.ToProblem().Errors!)
            {
                foreach (var message in messages)
                {
                    errors.Add("operation.fields" + field["set".Length..], message);
                }
            }
            return null;
        }
        return ScheduleRules.WithNulls(normalized!, set);
    }

    private static JsonArray? CheckReset(SettingsSection section, JsonNode? fields, FieldErrors errors)
    {
        if (fields is null)
        {
            return null;
        }
        var known = BulkEditRules.Paths(section.SystemLayer);
        if (fields is not JsonArray { Count: > 0 } paths)
        {
            errors.Add("operation.fields", "Give the field paths to reset, as a list (or leave it out to reset the whole section).");
            return null;
        }
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || !known.Contains(value.GetValue<string>()))
            {
                errors.Add($"operation.fields[{i}]", $"Not a field of {section.Name}; fields are: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
        return paths;
    }

    private async Task CheckServicesAsync(string businessId, BulkOperation operation, FieldErrors errors, CancellationToken ct)
    {
        var (off, on) = (operation.SwitchOff ?? [], operation.SwitchOn ?? []);
        if (off.Count + on.Count == 0)
        {
            errors.Add("operation.switchOff", "Give services to switch off or on.");
            return;
        }
        var found = (await services.Items.FindAsync(businessId, [.. off.Concat(on).Distinct(StringComparer.Ordinal)], ServiceStore.BusinessWide, ct))
            .Select(service => service.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, ids) in new[] { ("switchOff", off), ("switchOn", on) })
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (!found.Contains(ids[i]))
                {
                    errors.Add($"operation.{name}[{i}]", $"'{ids[i]}' is not a business-wide service of this business.");
                }
                else if (name == "switchOn" && off.Contains(ids[i], StringComparer.Ordinal))
                {
                    errors.Add($"operation.{name}[{i}]", "A service cannot be switched both off and on.");
                }
            }
        }
    }

    private static IEnumerable<(string Name, bool Given)> Members(BulkOperation operation) =>
    [
        ("section", operation.Section is not null), ("fields", operation.Fields is not null), ("fromPhoneId", operation.FromPhoneId is not null),
        ("switchOff", operation.SwitchOff is not null), ("switchOn", operation.SwitchOn is not null), ("isActive", operation.IsActive is not null),
        ("of", operation.Of is not null), ("force", operation.Force is not null),
    ];

    private static bool Uses(BulkOperationKind kind, string member) => (kind, member) switch
    {
        (BulkOperationKind.Set or BulkOperationKind.Reset or BulkOperationKind.Copy, "section") => true,
        (BulkOperationKind.Set or BulkOperationKind.Reset, "fields") => true,
        (BulkOperationKind.Copy, "fromPhoneId") => true,
        (BulkOperationKind.Services, "switchOff" or "switchOn") => true,
        (BulkOperationKind.Active, "isActive") => true,
        _ => false,
    };
}
