using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;
using NodaTime.Extensions;

namespace MultiPhone.ScheduledChanges;

/// <summary>
/// Schedules, lists, reschedules and cancels changes of a phone's layer or of the business defaults. Starting the
/// orchestration that applies one is the caller's (the route has the Durable client): a change is stored first, so an
/// orchestration never starts for a change that does not exist.
/// </summary>
public sealed class ScheduledChangeService(
    ScheduledChangeStore store, BusinessStore businesses, PhoneNumberService phones, SettingsStore settings, SettingsSections sections, TimeProvider time)
{
    public async Task<Result<ScheduledChange>> CreateAsync(string businessId, string? phoneId, ScheduledChangeInput input, CancellationToken ct)
    {
        var planned = await PlanAsync(businessId, phoneId, input, ct);
        if (!planned.IsOk)
        {
            return planned.Problem;
        }
        var now = time.GetUtcNow();
        var change = planned.Value with
        {
            Id = $"sch-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}",
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = ChangeAuthor.Who ?? new Author(AuthorKind.System, "unknown"),
            Version = 1,
        };
        var created = await store.CreateAsync(change, ct);
        return created.Done ? change : throw new InvalidOperationException($"Scheduled change id {change.Id} was taken.");
    }

    /// <summary>The business's changes (or those that reach <paramref name="phoneId"/>), soonest first.</summary>
    public async Task<Result<IReadOnlyList<ScheduledChange>>> ListAsync(string businessId, string? phoneId, ScheduleStatus? status, CancellationToken ct)
    {
        var scope = await ScopeAsync(businessId, phoneId, ct);
        if (!scope.IsOk)
        {
            return scope.Problem;
        }
        return (await store.ListAsync(businessId, ct))
            .Select(stored => stored.Item)
            .Where(change => phoneId is null || Reaches(change, phoneId))
            .Where(change => status is null || change.Status == status)
            .OrderBy(FirstDue)
            .ThenBy(change => change.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<Result<Stored<ScheduledChange>>> GetAsync(string businessId, string? phoneId, string id, CancellationToken ct)
    {
        var scope = await ScopeAsync(businessId, phoneId, ct);
        if (!scope.IsOk)
        {
            return scope.Problem;
        }
        return await store.GetAsync(businessId, id, ct) is { } stored && (phoneId is null || Reaches(stored.Item, phoneId))
            ? stored
            : NotFound(id);
    }

    /// <summary>Replaces a change nothing of which has applied yet, under If-Match; its time and fields are worked out again.</summary>
    public async Task<Result<ScheduledChange>> RescheduleAsync(string businessId, string? phoneId, string id, ScheduledChangeInput input, string ifMatch, CancellationToken ct)
    {
        var found = await GetAsync(businessId, phoneId, id, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var current = found.Value.Item;
        if (!ETags.Matches(ifMatch, current.ETag))
        {
            return Problem.PreconditionFailed("The scheduled change changed since you read it; read it again.");
        }
        if (NotPending(current) is { } refused)
        {
            return refused;
        }
        var planned = await PlanAsync(businessId, current.PhoneId, input, ct);
        if (!planned.IsOk)
        {
            return planned.Problem;
        }
        var change = planned.Value with
        {
            Id = current.Id,
            CreatedAt = current.CreatedAt,
            CreatedBy = current.CreatedBy,
            UpdatedAt = time.GetUtcNow(),
            Version = current.Version + 1,
        };
        return (await store.ReplaceAsync(change, found.Value.ETag, ct)).Done
            ? change
            : Problem.PreconditionFailed("The scheduled change changed since you read it; read it again.");
    }

    /// <summary>Cancels a change nothing of which has applied yet (If-Match optional).</summary>
    public async Task<Result<ScheduledChange>> CancelAsync(string businessId, string? phoneId, string id, string? ifMatch, CancellationToken ct)
    {
        var found = await GetAsync(businessId, phoneId, id, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var current = found.Value.Item;
        if (ifMatch is not null && !ETags.Matches(ifMatch, current.ETag))
        {
            return Problem.PreconditionFailed("The scheduled change changed since you read it; read it again.");
        }
        if (NotPending(current) is { } refused)
        {
            return refused;
        }
        var cancelled = current with
        {
            Cancelled = true,
            Version = current.Version + 1,
            Applications = [.. current.Applications.Select(a => a with { Status = ScheduleStatus.Cancelled })],
            DefaultsStatus = current.DefaultsStatus is null ? null : ScheduleStatus.Cancelled,
        };
        return (await store.ReplaceAsync(cancelled, found.Value.ETag, ct)).Done
            ? cancelled
            : Problem.PreconditionFailed("The scheduled change changed since you read it; read it again.");
    }

    /// <summary>The change as it will be stored: checked fields, and when it reaches which phone.</summary>
    private async Task<Result<ScheduledChange>> PlanAsync(string businessId, string? phoneId, ScheduledChangeInput input, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is not { Item: var business })
        {
            return BusinessService.NotFound(businessId);
        }
        PhoneNumber? phone = null;
        if (phoneId is not null)
        {
            var found = await phones.FindPhoneAsync(businessId, phoneId, ct);
            if (!found.IsOk)
            {
                return found.Problem;
            }
            phone = found.Value;
        }
        var errors = new FieldErrors();
        var set = Normalize(input, phoneId is not null, new SectionContext(business.CompanyProfile?.DefaultCountry), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        IReadOnlyList<SchedulePhone> reached = phone is not null
            ? [new SchedulePhone(phone.Id, phone.Timezone, Inherits: true)]
            : await InheritingAsync(business, input.Section!, set!, ct);
        var (applications, defaultsDue, error) = ScheduleRules.Plan(input.At!, reached, forDefaults: phoneId is null, time.GetUtcNow().ToInstant());
        if (error is not null)
        {
            return Problem.Validation("at", error);
        }
        return new ScheduledChange
        {
            Id = "",
            BusinessId = businessId,
            PhoneId = phoneId,
            Section = input.Section!,
            Set = set!,
            At = input.At!,
            OnConflict = input.OnConflict ?? ConflictPolicy.Skip,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            CreatedAt = default,
            CreatedBy = null!,
            UpdatedAt = default,
            Version = 0,
            DefaultsDueAt = defaultsDue,
            DefaultsStatus = phoneId is null ? ScheduleStatus.Pending : null,
            Applications = applications,
        };
    }

    /// <summary>Every ready phone of the business with its zone, and whether it inherits a field of <paramref name="set"/>.</summary>
    private async Task<IReadOnlyList<SchedulePhone>> InheritingAsync(Business business, string section, JsonObject set, CancellationToken ct)
    {
        var listed = await phones.ListAsync(business.Id, active: null, ct);
        var overrides = (await settings.ListSectionAsync(business.Id, section, ct)).ToDictionary(l => l.Item.Scope, l => l.Item.Value, StringComparer.Ordinal);
        var paths = ScheduleRules.Paths(set);
        return [.. (listed.Value ?? []).Select(view => new SchedulePhone(
            view.Phone.Id,
            view.Phone.Timezone,
            paths.Any(path => FieldDiff.At(overrides.GetValueOrDefault(view.Phone.Id), path) is null)))];
    }

    private JsonObject? Normalize(ScheduledChangeInput input, bool forPhone, SectionContext context, FieldErrors errors)
    {
        if (input.Set is not { Count: > 0 } set)
        {
            errors.Add("set", "Give at least one field to set.");
            return null;
        }
        if (input.Section == ScheduleRules.PhoneSection && forPhone)
        {
            return PhoneFields(set, errors);
        }
        if (input.Section is null || sections.Find(input.Section) is not { } section)
        {
            var allowed = forPhone ? sections.Names.Append(ScheduleRules.PhoneSection) : sections.Names;
            errors.Add("section", $"Must be one of: {string.Join(", ", allowed)}.");
            return null;
        }
        return section.Normalize(set, context, errors) is { } normalized ? ScheduleRules.WithNulls(normalized, set) : null;
    }

    private static JsonObject PhoneFields(JsonObject set, FieldErrors errors)
    {
        foreach (var (field, _) in set.Where(p => !ScheduleRules.PhoneFields.Contains(p.Key)))
        {
            errors.Add($"set.{field}", "A scheduled change of a phone may set isActive and displayName only.");
        }
        var result = new JsonObject();
        if (set["isActive"] is { } active)
        {
            if (active.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                result["isActive"] = active.GetValue<bool>();
            }
            else
            {
                errors.Add("set.isActive", "Must be true or false.");
            }
        }
        if (set["displayName"] is { } name)
        {
            if (name.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                errors.Add("set.displayName", "Must be a text.");
            }
            else if (errors.RequiredText("set.displayName", name.GetValue<string>(), PhoneNumberRules.MaxDisplayNameLength) is { } text)
            {
                result["displayName"] = text;
            }
        }
        return result;
    }

    private async Task<Result<bool>> ScopeAsync(string businessId, string? phoneId, CancellationToken ct)
    {
        if (phoneId is not null)
        {
            var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
            return phone.IsOk ? true : phone.Problem;
        }
        return await businesses.GetAsync(businessId, ct) is not null ? true : BusinessService.NotFound(businessId);
    }

    private static Problem? NotPending(ScheduledChange change) =>
        change.Cancelled || change.Applications.Any(a => a.Status != ScheduleStatus.Pending) || change.DefaultsStatus is { } d && d != ScheduleStatus.Pending
            ? new Problem(ProblemTypes.ScheduleNotPending, 409, "The scheduled change is no longer pending",
                $"It is {JsonNamingPolicyName(change.Status)}: only a change nothing of which has applied can be rescheduled or cancelled.")
            : null;

    private static string JsonNamingPolicyName(ScheduleStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>Whether the change is a phone's own, or a default change that reaches it.</summary>
    public static bool Reaches(ScheduledChange change, string phoneId) =>
        change.PhoneId == phoneId || change.PhoneId is null && change.Applications.Any(a => a.PhoneId == phoneId);

    private static DateTimeOffset FirstDue(ScheduledChange change) =>
        change.Applications.Select(a => a.DueAt).Append(change.DefaultsDueAt ?? DateTimeOffset.MaxValue).Min();

    public static Problem NotFound(string id) => Problem.NotFound($"Scheduled change '{id}' was not found.");
}
