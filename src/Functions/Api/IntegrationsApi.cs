using Microsoft.AspNetCore.Mvc;
using MultiPhone.Integrations;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/integrations</c>: connections to other systems, with write-only secrets.</summary>
public static class IntegrationsApi
{
    private static readonly ResourceResults<Integration, IntegrationResponse> Connection = new(integration => integration.ETag, IntegrationResponse.From);

    public static RouteGroupBuilder MapIntegrations(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/integrations").WithTags("Integrations");
        group.MapGet("", ListAsync)
            .Describe("ListIntegrations", "List the business's integrations (secret names only)",
                "Secret values are write-only: only their names and when they last changed are returned.");
        group.MapPost("", CreateAsync)
            .Creates<IntegrationInput>()
            .Describe("CreateIntegration", "Add an integration",
                "`secrets` are stored encrypted and never returned; responses list only their names.");
        group.MapGet("/{integrationId}", GetAsync)
            .Describe("GetIntegration", "Read one integration (secret names only)",
                "Settings as given; secret values are never returned, only their names.");
        group.MapPut("/{integrationId}", UpdateAsync)
            .Replaces()
            .Describe("UpdateIntegration", "Replace an integration", "Omit `secrets` to keep the stored ones; send {} to remove them.");
        group.MapDelete("/{integrationId}", DeleteAsync)
            .Deletes()
            .Describe("DeleteIntegration", "Remove an integration and its secrets", "Needs If-Match. The stored secrets are deleted with it.");
        return business;
    }

    private static async Task<Results<Ok<IntegrationList>, ProblemHttpResult>> ListAsync(
        string businessId, IntegrationService integrations, CancellationToken ct) =>
        Connection.List(await integrations.ListAsync(businessId, ct), items => new IntegrationList(items));

    private static async Task<Results<Created<IntegrationResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, IntegrationInput input, IntegrationService integrations, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        Connection.Created(await integrations.CreateAsync(businessId, input, ct), response, integration => $"{request.Path}/{integration.Id}");

    private static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string integrationId, IntegrationService integrations, HttpResponse response, CancellationToken ct) =>
        Connection.Ok(await integrations.GetAsync(businessId, integrationId, ct), response);

    private static Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> UpdateAsync(
        string businessId, string integrationId, IntegrationInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
        IntegrationService integrations, HttpResponse response, CancellationToken ct) =>
        Connection.ChangeAsync(ifMatch, response, match => integrations.UpdateAsync(businessId, integrationId, input, match, ct));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId, string integrationId, [FromHeader(Name = "If-Match")] string? ifMatch,
        IntegrationService integrations, CancellationToken ct) =>
        ResourceResults.DeleteAsync(ifMatch, match => integrations.DeleteAsync(businessId, integrationId, match, ct));
}
