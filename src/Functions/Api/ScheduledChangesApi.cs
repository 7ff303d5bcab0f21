using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using MultiPhone.Functions.Hosting;
using MultiPhone.Functions.ScheduledChanges;
using MultiPhone.ScheduledChanges;

namespace MultiPhone.Functions.Api;

/// <summary>
/// Changes applied at a chosen time by a Durable orchestration (<see cref="ScheduledChangeOrchestrator"/>):
/// <list type="bullet">
/// <item><c>/api/v2/businesses/{businessId}/scheduled-changes</c>: the business defaults' changes, and the list of all.</item>
/// <item><c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/scheduled-changes</c>: a phone's own, and the list of
/// those that reach it.</item>
/// </list>
/// Each has <c>/{changeId}</c>: read, reschedule (PUT under If-Match) and cancel (DELETE).
/// </summary>
public static class ScheduledChangesApi
{
    private static readonly ResourceResults<ScheduledChange, ScheduledChange> Change = new(change => change.ETag, change => change);

    public static RouteGroupBuilder MapScheduledChanges(this RouteGroupBuilder business)
    {
        Map(business.MapGroup("/scheduled-changes").WithTags("Scheduled changes"), "Business", "the business defaults");
        Map(business.MapGroup("/phone-numbers/{phoneId}/scheduled-changes").WithTags("Scheduled changes"), "Phone", "the phone's own settings");
        return business;
    }

    private static void Map(RouteGroupBuilder group, string scope, string whose)
    {
        group.MapGet("", ListAsync)
            .Describe($"List{scope}ScheduledChanges", scope == "Business" ? "List the business's scheduled changes" : "List the scheduled changes that reach the phone",
                "Soonest first. Each with when it applies to each phone it reaches (the instant, and the wall-clock time in the phone's "
                + "zone) and, once it has, the outcome: applied (with the revision), skipped (with the fields someone changed "
                + "since it was scheduled) or failed (with the problem).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("", CreateAsync)
            .RequireBusinessRole(BusinessRole.Editor)
            .WithIdempotency<ScheduledChangeInput>()
            .Describe($"Create{scope}ScheduledChange", $"Schedule a change of {whose}",
                "`set` holds the fields to set, as in the section's PUT (objects merge field by field). `at` is an instant, or a "
                + "`localTime` read in each location's own zone (or in `timeZone`): a time in a DST gap moves to the first instant "
                + "after it, an ambiguous one takes the earlier. A default change reaches each phone that inherits one of its "
                + "fields at that phone's own time. `onConflict` says what happens when someone changes one of the fields after it "
                + "was scheduled: `skip` (the default) or `apply`. Editors schedule sections; a phone's `isActive` and "
                + "`displayName` (section `phone`) need admin.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        group.MapGet("/{changeId}", GetAsync)
            .Describe($"Get{scope}ScheduledChange", "Read one scheduled change", "With its ETag, for a reschedule.");
        group.MapPut("/{changeId}", RescheduleAsync)
            .RequireBusinessRole(BusinessRole.Editor)
            .Describe($"Reschedule{scope}ScheduledChange", "Reschedule a change, or change what it sets",
                "The same body as creating it, under If-Match. 409 `schedule-not-pending` once any of it has applied.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{changeId}", CancelAsync)
            .RequireBusinessRole(BusinessRole.Editor)
            .Describe($"Cancel{scope}ScheduledChange", "Cancel a scheduled change",
                "It stays listed as cancelled. 409 `schedule-not-pending` once any of it has applied. If-Match is optional.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    /// <param name="businessId">The business.</param>
    /// <param name="phoneId">The phone, on its route: its own changes and the default changes that reach it. On the business's route, a filter.</param>
    /// <param name="status">Only changes with this status: pending, applied, skipped, failed or cancelled.</param>
    /// <param name="changes">Scheduled changes.</param>
    /// <param name="ct">Cancellation.</param>
    private static async Task<Results<Ok<ScheduledChangeList>, ProblemHttpResult>> ListAsync(
        string businessId, string? phoneId, string? status, ScheduledChangeService changes, CancellationToken ct)
    {
        ScheduleStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ScheduleStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problem.Validation("status", "Must be one of: pending, applied, skipped, failed, cancelled.").ToHttp();
            }
            wanted = parsed;
        }
        return Change.List(await changes.ListAsync(businessId, phoneId, wanted, ct), items => new ScheduledChangeList(items));
    }

    private static async Task<Results<Created<ScheduledChange>, ProblemHttpResult>> CreateAsync(
        string businessId, string? phoneId, ScheduledChangeInput input, ScheduledChangeService changes,
        HttpContext http, CancellationToken ct)
    {
        if (Forbidden(http, businessId, input) is { } forbidden)
        {
            return forbidden.ToHttp();
        }
        var created = await changes.CreateAsync(businessId, phoneId, input, ct);
        if (created.IsOk)
        {
            await StartAsync(http.DurableClient(), created.Value, ct);
        }
        return Change.Created(created, http.Response, change => $"{http.Request.PathBase}{http.Request.Path}/{change.Id}");
    }

    private static async Task<Results<Ok<ScheduledChange>, ProblemHttpResult>> GetAsync(
        string businessId, string? phoneId, string changeId, ScheduledChangeService changes, HttpResponse response, CancellationToken ct)
    {
        var found = await changes.GetAsync(businessId, phoneId, changeId, ct);
        return Change.Ok(found.IsOk ? found.Value.Item : found.Problem, response);
    }

    private static async Task<Results<Ok<ScheduledChange>, ProblemHttpResult>> RescheduleAsync(
        string businessId, string? phoneId, string changeId, ScheduledChangeInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
        ScheduledChangeService changes, HttpContext http, CancellationToken ct)
    {
        if (Forbidden(http, businessId, input) is { } forbidden)
        {
            return forbidden.ToHttp();
        }
        return await Change.ChangeAsync(ifMatch, http.Response, async match =>
        {
            var rescheduled = await changes.RescheduleAsync(businessId, phoneId, changeId, input, match, ct);
            if (rescheduled.IsOk)
            {
                var client = http.DurableClient();
                await client.TerminateInstanceAsync(PreviousInstance(rescheduled.Value), cancellation: ct);
                await StartAsync(client, rescheduled.Value, ct);
            }
            return rescheduled;
        });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        string businessId, string? phoneId, string changeId, [FromHeader(Name = "If-Match")] string? ifMatch,
        ScheduledChangeService changes, HttpContext http, CancellationToken ct)
    {
        var cancelled = await changes.CancelAsync(businessId, phoneId, changeId, ifMatch, ct);
        if (!cancelled.IsOk)
        {
            return cancelled.Problem.ToHttp();
        }
        // Its orchestration would find it cancelled and do nothing; ending it now frees its timer.
        await http.DurableClient().TerminateInstanceAsync(PreviousInstance(cancelled.Value), cancellation: ct);
        return TypedResults.NoContent();
    }

    private static Task StartAsync(DurableTaskClient client, ScheduledChange change, CancellationToken ct) =>
        client.ScheduleNewOrchestrationInstanceAsync(ScheduledChangeOrchestrator.Name,
            new ScheduleRun(change.BusinessId, change.Id, change.Version), new StartOrchestrationOptions(change.InstanceId), ct);

    /// <summary>The orchestration of the version before <paramref name="change"/>'s.</summary>
    private static string PreviousInstance(ScheduledChange change) => (change with { Version = change.Version - 1 }).InstanceId;

    /// <summary>A phone's details are an admin's to change, scheduled or not.</summary>
    private static Problem? Forbidden(HttpContext http, string businessId, ScheduledChangeInput input) =>
        input.Section == ScheduleRules.PhoneSection && Caller.From(http.User).RoleIn(businessId) < BusinessRole.Admin
            ? Problem.Forbidden("Scheduling a change of a phone's details needs the admin role.")
            : null;
}

public sealed record ScheduledChangeList(IReadOnlyList<ScheduledChange> Items);
