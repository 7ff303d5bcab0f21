using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Hours;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/businesses/{businessId}/settings/defaults/{voice|rules|hours|sms}</c>: the business's defaults, the
/// live fallback of every phone that inherits and the template for new phones.
/// </summary>
public static class DefaultSettingsApi
{
    public static RouteGroupBuilder MapDefaultSettings(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/settings/defaults").WithTags("Business default settings");
        group.MapGet("", InheritanceAsync)
            .WithName("GetDefaultsInheritance")
            .WithSummary("Which phones follow each default section and which override it")
            .WithDescription("For each section (voice, rules, hours, sms): the phones that inherit it from these defaults, and those "
                + "with an override of their own. The business defaults editor shows how many locations each section reaches.");
        MapSection<VoiceSettings>(group);
        MapSection<ConversationRules>(group);
        MapSection<OperatingHours>(group);
        MapSection<SmsSettings>(group);
        return business;
    }

    private static void MapSection<T>(RouteGroupBuilder group) where T : class, ISettingsSection<T>
    {
        var title = char.ToUpperInvariant(T.Name[0]) + T.Name[1..];
        group.MapGet($"/{T.Name}", GetAsync<T>)
            .WithName($"GetDefault{title}Settings")
            .WithSummary($"Read the business's default {T.Name} settings")
            .WithDescription("`value` is what the business sets (null when nothing), `effective` what inheriting phones get over the "
                + "system fallback, and `sources` where each field comes from.");
        group.MapPut($"/{T.Name}", PutAsync<T>)
            .RequireBusinessRole(BusinessRole.Editor)
            .WithName($"PutDefault{title}Settings")
            .WithSummary($"Replace the business's default {T.Name} settings")
            .WithDescription("Fields left out fall back to the system defaults. Needs If-Match (\"v0\" before the first write).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete($"/{T.Name}", DeleteAsync<T>)
            .RequireBusinessRole(BusinessRole.Editor)
            .WithName($"ResetDefault{title}Settings")
            .WithSummary($"Reset the business's default {T.Name} settings to the system defaults")
            .WithDescription("Inheriting phones follow the system defaults from then on. Needs If-Match.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Results<Ok<DefaultsInheritanceResponse>, ProblemHttpResult>> InheritanceAsync(
        string businessId, SettingsService settings, CancellationToken ct)
    {
        var result = await settings.InheritanceAsync(businessId, ct);
        return result.IsOk ? TypedResults.Ok(new DefaultsInheritanceResponse(result.Value)) : result.Problem.ToHttp();
    }

    private static async Task<Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult>> GetAsync<T>(
        string businessId, SettingsService settings, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        Respond(await settings.GetAsync<T>(businessId, phoneId: null, ct), response);

    private static async Task<Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult>> PutAsync<T>(
        string businessId, T body, [FromHeader(Name = "If-Match")] string? ifMatch,
        SettingsService settings, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await settings.PutAsync(businessId, phoneId: null, body, ifMatch, ct), response);

    private static async Task<Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult>> DeleteAsync<T>(
        string businessId, [FromHeader(Name = "If-Match")] string? ifMatch,
        SettingsService settings, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await settings.PutAsync<T>(businessId, phoneId: null, null, ifMatch, ct), response);

    private static Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult> Respond<T>(Result<SectionView<T>> result, HttpResponse response)
        where T : class, ISettingsSection<T>
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        var view = result.Value;
        response.Headers.ETag = view.ETag;
        return TypedResults.Ok(new DefaultSectionResponse<T>(T.Name, view.Layer, view.Effective, view.Sources, view.Version, view.UpdatedAt));
    }
}

/// <param name="Sections">The four sections, each with the phones that inherit it and those that override it.</param>
public sealed record DefaultsInheritanceResponse(IReadOnlyList<SectionInheritance> Sections);

/// <param name="Section">voice, rules, hours or sms.</param>
/// <param name="Value">The business's own default fields (absent ones fall back to the system), or null.</param>
/// <param name="Effective">The defaults as phones inherit them: business default over system fallback.</param>
/// <param name="Sources">For every effective field (dotted path): business or system.</param>
/// <param name="Version">Bumped by every write; also the ETag ("v{version}").</param>
/// <param name="UpdatedAt">When the defaults were last written, if ever.</param>
public sealed record DefaultSectionResponse<T>(
    string Section, T? Value, T Effective, IReadOnlyDictionary<string, SettingSource> Sources, long Version, DateTimeOffset? UpdatedAt);
