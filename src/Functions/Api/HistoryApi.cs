using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary>
/// History: every change of a business's configuration, newest first, and its restore.
/// <list type="bullet">
/// <item><c>/api/v2/businesses/{businessId}/history</c>: the business-wide Activity.</item>
/// <item><c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/history</c>: one phone's, with the default changes
/// that reached it (<c>inherited</c>).</item>
/// </list>
/// Each has <c>/{revisionId}</c> (the whole content before and after) and <c>/{revisionId}/restore</c>
/// (<see cref="HistoryRestores"/>).
/// </summary>
public static class HistoryApi
{
    /// <summary>The history feature (revisions, their reads, realtime) and what its routes need to check and restore.</summary>
    public static IServiceCollection AddHistoryApi(this IServiceCollection services) => services
        .AddHistory()
        .AddSingleton<HistoryScopes>()
        .AddSingleton<HistoryRestores>();

    public static RouteGroupBuilder MapHistory(this RouteGroupBuilder business)
    {
        Map(business.MapGroup("/history").WithTags("History"), "Business", "the business");
        Map(business.MapGroup("/phone-numbers/{phoneId}/history").WithTags("History"), "Phone", "the phone");
        return business;
    }

    private static void Map(RouteGroupBuilder group, string scope, string whose)
    {
        group.MapGet("", ListAsync)
            .Describe($"List{scope}History", $"List the changes of {whose}'s configuration, newest first",
                "Each change with who made it (user, or the migration run, schedule or bulk edit), when, what it changed "
                + "(field paths, before and after) and, for a business default, which phones it reached. Filters combine; "
                + "pass continuationToken back for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{revisionId}", GetAsync)
            .Describe($"Get{scope}Revision", $"Read one change of {whose}'s configuration",
                "The entry as listed, with the whole content before and after the change.");
        group.MapPost("/{revisionId}/restore", RestoreAsync)
            .RequireBusinessRole(BusinessRole.Editor)
            .Describe($"Restore{scope}Revision", "Restore a version, or undo one change",
                "`to: after` (the default) puts the content back as this change left it, replacing whatever came later. "
                + "`to: before` undoes only this change: 409 `history-conflict` with the fields when a later change "
                + "touched them, unless `force`. Needs If-Match with the target's current ETag and the role that may "
                + "write the target (editor for settings sections, admin otherwise). Answers the target's new state, "
                + "as its own GET does; the write is a new change that names the one it restored.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
    }

    /// <param name="businessId">The business.</param>
    /// <param name="phoneId">The phone: on the phone's route, or as a filter of the business's (its history: its own changes and the defaults' that reached it).</param>
    /// <param name="section">Only changes of this settings section.</param>
    /// <param name="target">Only changes of this kind of target: phoneSection, defaultSection, phone, staff, service, business, staffAssignments or switchedOffServices.</param>
    /// <param name="actor">Only changes by this user (token subject) or run id.</param>
    /// <param name="since">Only changes made at or after this time.</param>
    /// <param name="until">Only changes made at or before this time.</param>
    /// <param name="continuationToken">From the previous page.</param>
    /// <param name="pageSize">1 to 200 entries (50 when left out).</param>
    /// <param name="history">The history.</param>
    /// <param name="scopes">Checks the business and phone.</param>
    /// <param name="ct">Cancellation.</param>
    private static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> ListAsync(
        string businessId, string? phoneId, string? section, string? target, string? actor, DateTimeOffset? since, DateTimeOffset? until,
        string? continuationToken, int? pageSize,
        HistoryService history, HistoryScopes scopes, CancellationToken ct)
    {
        var scope = await scopes.CheckAsync(businessId, phoneId, section, ct);
        if (!scope.IsOk)
        {
            return scope.Problem.ToHttp();
        }
        if (target is not null && !Enum.TryParse<TargetKind>(target, ignoreCase: true, out _))
        {
            return Problem.Validation("target", $"Must be one of: {string.Join(", ", Enum.GetNames<TargetKind>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.").ToHttp();
        }
        var filter = new HistoryFilter(phoneId, section, actor, since, until, target is null ? null : Enum.Parse<TargetKind>(target, ignoreCase: true));
        var page = await history.PageAsync(businessId, filter, pageSize, continuationToken, ct);
        return page.IsOk
            ? TypedResults.Ok(new HistoryPage([.. page.Value.Items.Select(r => HistoryEntry.From(r, phoneId))], page.Value.Next))
            : page.Problem.ToHttp();
    }

    private static async Task<Results<Ok<HistoryRevision>, ProblemHttpResult>> GetAsync(
        string businessId, string? phoneId, string revisionId, HistoryService history, HistoryScopes scopes, CancellationToken ct)
    {
        var scope = await scopes.CheckAsync(businessId, phoneId, section: null, ct);
        if (!scope.IsOk)
        {
            return scope.Problem.ToHttp();
        }
        var revision = await history.GetAsync(businessId, phoneId, revisionId, ct);
        return revision.IsOk ? TypedResults.Ok(HistoryRevision.Of(revision.Value, phoneId)) : revision.Problem.ToHttp();
    }

    private static async Task<Results<Ok<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> RestoreAsync(
        string businessId, string? phoneId, string revisionId, [FromBody] RestoreRequest? body, [FromHeader(Name = "If-Match")] string? ifMatch,
        HistoryService history, HistoryScopes scopes, HistoryRestores restores, HttpContext http, CancellationToken ct)
    {
        if (body is null && http.Request.HasJsonContentType())
        {
            // The body may be left out (every default); a JSON body must be an object, not null or nothing.
            return new Problem(ProblemTypes.MalformedRequest, 400, "The request could not be read", "The body must be a JSON object, or absent.").ToHttp();
        }
        if (ifMatch is null)
        {
            return Problem.PreconditionRequired().ToHttp();
        }
        var scope = await scopes.CheckAsync(businessId, phoneId, section: null, ct);
        if (!scope.IsOk)
        {
            return scope.Problem.ToHttp();
        }
        var revision = await history.GetAsync(businessId, phoneId, revisionId, ct);
        if (!revision.IsOk)
        {
            return revision.Problem.ToHttp();
        }
        if (Caller.From(http.User).RoleIn(businessId) < HistoryRestores.RoleToRestore(revision.Value.Target.Kind))
        {
            return Problem.Forbidden($"Restoring a change of a {revision.Value.Target.Kind} needs the role that may change it.").ToHttp();
        }
        var plan = await history.PlanAsync(revision.Value, body?.To ?? RestoreTo.After, body?.Force ?? false, ct);
        if (!plan.IsOk)
        {
            return plan.Problem.ToHttp();
        }
        var restored = await restores.RestoreAsync(plan.Value, ifMatch, ct);
        if (!restored.IsOk)
        {
            return restored.Problem.ToHttp();
        }
        http.Response.Headers.ETag = restored.Value.ETag;
        return TypedResults.Ok(restored.Value.Body);
    }
}

/// <summary>What a history route checks before reading: the business (and the phone, on its route) exists, and a section filter names a section.</summary>
public sealed class HistoryScopes(PhoneNumberService phones, Businesses.BusinessService businesses, SettingsSections sections)
{
    public async Task<Result<bool>> CheckAsync(string businessId, string? phoneId, string? section, CancellationToken ct)
    {
        if (section is not null && sections.Find(section) is null)
        {
            return Problem.Validation("section", $"Must be one of: {string.Join(", ", sections.Names)}.");
        }
        if (phoneId is not null)
        {
            var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
            return phone.IsOk ? true : phone.Problem;
        }
        var business = await businesses.GetAsync(businessId, ct);
        return business.IsOk ? true : business.Problem;
    }
}
