using System.Text.Json.Nodes;

namespace MultiPhone.History;

/// <summary>What restoring a revision means: the version after it (roll back to it), or the version before it (undo that one change).</summary>
public enum RestoreTo
{
    After,
    Before,
}

/// <summary>A restore worked out: the revision and the content its target gets back (null: none, e.g. a section inheriting again).</summary>
public sealed record RestorePlan(Revision Revision, JsonObject? Content);

/// <summary>Reads a business's history and works out what a restore writes; the write itself goes through the target's own service.</summary>
public sealed class HistoryService(HistoryStore store)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>A page of the business's history (or of one phone's, with <see cref="HistoryFilter.PhoneId"/>), newest first.</summary>
    public async Task<Result<(List<Revision> Items, string? Next)>> PageAsync(
        string businessId, HistoryFilter filter, int? pageSize, string? continuationToken, CancellationToken ct)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problem.Validation("pageSize", $"Must be between 1 and {MaxPageSize}.");
        }
        if (continuationToken is not null && Revision.ContainerOf(continuationToken) is null)
        {
            return Problem.Validation("continuationToken", "Not a continuation token of this history; start again without one.");
        }
        if (filter.Since > filter.Until)
        {
            return Problem.Validation("since", "Must not be later than until.");
        }
        return await store.PageAsync(businessId, filter, pageSize ?? DefaultPageSize, continuationToken, ct);
    }

    /// <summary>The revision, if it belongs to the business (and is shown in the phone's history, when a phone is given).</summary>
    public async Task<Result<Revision>> GetAsync(string businessId, string? phoneId, string revisionId, CancellationToken ct) =>
        await store.GetAsync(businessId, revisionId, ct) is { } revision && (phoneId is null || revision.PhoneIds.Contains(phoneId))
            ? revision
            : NotFound(revisionId);

    /// <summary>
    /// What restoring the revision writes. <see cref="RestoreTo.After"/>: its content after, whatever came later.
    /// <see cref="RestoreTo.Before"/>: the current content with the fields it changed put back as they were, refused
    /// (409 with the fields) when a later revision changed any of them, unless <paramref name="force"/>.
    /// </summary>
    public async Task<Result<RestorePlan>> PlanAsync(Revision revision, RestoreTo to, bool force, CancellationToken ct)
    {
        if (to == RestoreTo.After)
        {
            return new RestorePlan(revision, revision.After);
        }
        var later = await store.LaterAsync(revision, ct);
        var conflicts = RestoreRules.Conflicts(revision, later);
        if (conflicts.Count > 0 && !force)
        {
            return new Problem(ProblemTypes.HistoryConflict, 409, "Later changes touched the same fields",
                $"Fields this change set were changed again since: {string.Join(", ", conflicts)}. Restore a later version, or undo anyway with force.")
            {
                Extensions = new Dictionary<string, object?> { ["conflicts"] = conflicts },
            };
        }
        var current = later.Count > 0 ? later[^1].After : revision.After;
        return new RestorePlan(revision, RestoreRules.Undo(revision, current));
    }

    public static Problem NotFound(string revisionId) => Problem.NotFound($"Revision '{revisionId}' was not found in this history.");
}
