using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using MultiPhone.BulkEdits;
using MultiPhone.Functions.BulkEdits;
using MultiPhone.Functions.Hosting;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/businesses/{businessId}/bulk-edits</c>: one change to many locations, previewed (<c>dryRun</c>), applied
/// by a Durable orchestration (<see cref="BulkEditOrchestrator"/>) and undone as a whole (<c>/{editId}/undo</c>).
/// </summary>
public static class BulkEditsApi
{
    public static RouteGroupBuilder MapBulkEdits(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/bulk-edits").WithTags("Bulk edits");
        group.MapPost("", CreateAsync)
            .RequireBusinessRole(BusinessRole.Editor)
            .WithIdempotency<BulkEditInput>()
            .Describe("CreateBulkEdit", "Preview or apply one change to many locations",
                "`target`: `phoneIds`, a `label`, `all` active phones or the active phones of a `timeZone`. `operation`: `set` fields of a "
                + "section as each phone's own (null: inherit again), `reset` fields (or the whole section) to inherit, `copy` a "
                + "section from a phone's own layer (or from the defaults), switch business `services` off or on, or set "
                + "`active`. With `dryRun: true` the answer (200) says per location what would change, before and after with "
                + "where each value comes from, and what would fail and why; nothing is written. Otherwise 202: the edit runs "
                + "in the background, each location written as its own route writes it, with a revision by the edit; watch it at "
                + "`statusQueryGetUri` or by `bulkEdit.changed` on the business channel. Sections need the editor role; "
                + "services and active need admin.")
            .Produces<BulkEditStarted>(StatusCodes.Status202Accepted)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync)
            .Describe("ListBulkEdits", "List the business's bulk edits", "Newest first (at most 100), without their items.");
        group.MapGet("/{editId}", GetAsync)
            .Describe("GetBulkEdit", "Read a bulk edit and its result per location",
                "`status` is running until every location is done; `counts` and `items` grow as batches of locations finish.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{editId}/undo", UndoAsync)
            .RequireBusinessRole(BusinessRole.Editor)
            .Describe("UndoBulkEdit", "Undo a bulk edit at every location it changed",
                "A new bulk edit (202, watched like any) puts back, at each location the edit changed, the fields it changed "
                + "(fields that inherited inherit again). A location whose fields were changed again since is left alone and "
                + "listed as failed with its `conflicts`, unless `force`. 409 `bulk-edit-running` while the edit runs, "
                + "`bulk-edit-undone` once it was undone. Needs the role the edit's operation needs.")
            .Produces<BulkEditStarted>(StatusCodes.Status202Accepted)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return business;
    }

    private static async Task<Results<Ok<BulkPreview>, Accepted<BulkEditStarted>, ProblemHttpResult>> CreateAsync(
        string businessId, BulkEditInput input, BulkEditService edits, HttpContext http, CancellationToken ct)
    {
        if (Forbidden(http, businessId, input.Operation!) is { } forbidden)
        {
            return forbidden.ToHttp();
        }
        if (input.DryRun)
        {
            var preview = await edits.PreviewAsync(businessId, input, ct);
            return preview.IsOk ? TypedResults.Ok(preview.Value) : preview.Problem.ToHttp();
        }
        return await StartAsync(http, await edits.CreateAsync(businessId, input, ct), ct);
    }

    private static async Task<Results<Ok<BulkEditList>, ProblemHttpResult>> ListAsync(string businessId, BulkEditService edits, CancellationToken ct)
    {
        var listed = await edits.ListAsync(businessId, ct);
        return listed.IsOk ? TypedResults.Ok(new BulkEditList(listed.Value)) : listed.Problem.ToHttp();
    }

    private static async Task<Results<Ok<BulkEditResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string editId, BulkEditService edits, CancellationToken ct)
    {
        var found = await edits.GetAsync(businessId, editId, ct);
        return found.IsOk ? TypedResults.Ok(found.Value) : found.Problem.ToHttp();
    }

    private static async Task<Results<Ok<BulkPreview>, Accepted<BulkEditStarted>, ProblemHttpResult>> UndoAsync(
        string businessId, string editId, BulkUndoRequest? body, BulkEditService edits, HttpContext http, CancellationToken ct)
    {
        var undo = await edits.UndoAsync(businessId, editId, body?.Force ?? false, operation => Forbidden(http, businessId, operation), ct);
        return await StartAsync(http, undo, ct);
    }

    private static async Task<Results<Ok<BulkPreview>, Accepted<BulkEditStarted>, ProblemHttpResult>> StartAsync(
        HttpContext http, Result<BulkEdit> edit, CancellationToken ct)
    {
        if (!edit.IsOk)
        {
            return edit.Problem.ToHttp();
        }
        var (businessId, id) = (edit.Value.BusinessId, edit.Value.Id);
        await http.DurableClient().ScheduleNewOrchestrationInstanceAsync(BulkEditOrchestrator.Name, new BulkEditRun(businessId, id),
            new StartOrchestrationOptions(edit.Value.InstanceId), ct);
        var request = http.Request;
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}/api/v2/businesses/{Uri.EscapeDataString(businessId)}/bulk-edits/{id}";
        return TypedResults.Accepted(url, new BulkEditStarted(id, url));
    }

    /// <summary>An editor may bulk-edit what an editor may edit: sections. A phone's services and active flag are an admin's.</summary>
    private static Problem? Forbidden(HttpContext http, string businessId, BulkOperation operation) =>
        operation.Kind is BulkOperationKind.Services or BulkOperationKind.Active && Caller.From(http.User).RoleIn(businessId) < BusinessRole.Admin
            ? Problem.Forbidden("Switching services and setting locations active or inactive need the admin role, in bulk as one by one.")
            : null;
}

/// <summary>Body of an undo: <c>force</c> also puts back locations changed again since.</summary>
public sealed record BulkUndoRequest(bool Force = false);
