using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Integrations;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/integrations</c>: connections to other systems, with write-only secrets.</summary>
public static class IntegrationsApi
{
    public static RouteGroupBuilder MapIntegrations(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/integrations").WithTags("Integrations");
        group.MapGet("", ListAsync)
            .WithName("ListIntegrations")
            .WithSummary("List the business's integrations (secret names only)")
            .WithDescription("Secret values are write-only: only their names and when they last changed are returned.");
        group.MapPost("", CreateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithIdempotency<IntegrationInput>()
            .WithName("CreateIntegration")
            .WithSummary("Add an integration")
            .WithDescription("`secrets` are stored encrypted and never returned; responses list only their names.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{integrationId}", GetAsync)
            .WithName("GetIntegration")
            .WithSummary("Read one integration (secret names only)")
            .WithDescription("Settings as given; secret values are never returned, only their names.");
        group.MapPut("/{integrationId}", UpdateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("UpdateIntegration")
            .WithSummary("Replace an integration")
            .WithDescription("Omit `secrets` to keep the stored ones; send {} to remove them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{integrationId}", DeleteAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("DeleteIntegration")
            .WithSummary("Remove an integration and its secrets")
            .WithDescription("Needs If-Match. The stored secrets are deleted with it.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<IntegrationList>, ProblemHttpResult>> ListAsync(
        string businessId, IntegrationService integrations, CancellationToken ct)
    {
        var result = await integrations.ListAsync(businessId, ct);
        return result.IsOk ? TypedResults.Ok(new IntegrationList([.. result.Value.Select(IntegrationResponse.From)])) : result.Problem.ToHttp();
    }

    private static async Task<Results<Created<IntegrationResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, IntegrationInput input, IntegrationService integrations, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var result = await integrations.CreateAsync(businessId, input, ct);
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Created($"{request.Path}/{result.Value.Id}", IntegrationResponse.From(result.Value));
    }

    private static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string integrationId, IntegrationService integrations, HttpResponse response, CancellationToken ct) =>
        Respond(await integrations.GetAsync(businessId, integrationId, ct), response);

    private static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> UpdateAsync(
        string businessId, string integrationId, IntegrationInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
        IntegrationService integrations, HttpResponse response, CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await integrations.UpdateAsync(businessId, integrationId, input, ifMatch, ct), response);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId, string integrationId, [FromHeader(Name = "If-Match")] string? ifMatch,
        IntegrationService integrations, CancellationToken ct)
    {
        if (ifMatch is null)
        {
            return Problem.PreconditionRequired().ToHttp();
        }
        var result = await integrations.DeleteAsync(businessId, integrationId, ifMatch, ct);
        return result.IsOk ? TypedResults.NoContent() : result.Problem.ToHttp();
    }

    private static Results<Ok<IntegrationResponse>, ProblemHttpResult> Respond(Result<Integration> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(IntegrationResponse.From(result.Value));
    }
}
