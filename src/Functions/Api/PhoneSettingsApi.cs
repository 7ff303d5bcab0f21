using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Hours;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/settings/{voice|rules|hours|sms}</c>: a phone's own
/// settings over the business defaults. GET shows the override, the effective section and each field's source;
/// PUT replaces the override; DELETE returns the section to inheriting.
/// </summary>
public static class PhoneSettingsApi
{
    public static RouteGroupBuilder MapPhoneSettings(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/phone-numbers/{phoneId}/settings").WithTags("Phone settings");
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
            .WithName($"GetPhone{title}Settings")
            .WithSummary($"Read the phone's {T.Name} settings: override, effective values and their sources")
            .WithDescription("`override` is what the phone sets itself (null while it inherits everything), `effective` what applies, "
                + "and `sources` names the layer (phone, business or system) each effective field comes from.");
        group.MapPut($"/{T.Name}", PutAsync<T>)
            .RequireBusinessRole(BusinessRole.Editor)
            .WithName($"PutPhone{title}Settings")
            .WithSummary($"Replace the phone's {T.Name} override")
            .WithDescription("Fields left out (or null) inherit the business default field; objects merge field by field, lists replace whole. "
                + "Needs If-Match with the section's ETag (\"v0\" before the first write).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete($"/{T.Name}", DeleteAsync<T>)
            .RequireBusinessRole(BusinessRole.Editor)
            .WithName($"ResetPhone{title}Settings")
            .WithSummary($"Reset the phone's {T.Name} settings to the business defaults")
            .WithDescription("Removes the override, so the section inherits again and follows later changes of the defaults. Needs If-Match.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult>> GetAsync<T>(
        string businessId, string phoneId, SettingsService settings, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        Respond(await settings.GetAsync<T>(businessId, phoneId, ct), phoneId, response);

    private static async Task<Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult>> PutAsync<T>(
        string businessId, string phoneId, T body, [FromHeader(Name = "If-Match")] string? ifMatch,
        SettingsService settings, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await settings.PutAsync(businessId, phoneId, body, ifMatch, ct), phoneId, response);

    private static async Task<Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult>> DeleteAsync<T>(
        string businessId, string phoneId, [FromHeader(Name = "If-Match")] string? ifMatch,
        SettingsService settings, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await settings.PutAsync<T>(businessId, phoneId, null, ifMatch, ct), phoneId, response);

    private static Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult> Respond<T>(Result<SectionView<T>> result, string phoneId, HttpResponse response)
        where T : class, ISettingsSection<T>
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        var view = result.Value;
        response.Headers.ETag = view.ETag;
        return TypedResults.Ok(new PhoneSectionResponse<T>(T.Name, phoneId, view.Layer is null, view.Layer, view.Effective, view.Sources, view.Version, view.UpdatedAt));
    }
}

/// <param name="Section">voice, rules, hours or sms.</param>
/// <param name="PhoneId">The phone.</param>
/// <param name="Inherits">True when the phone has no override: the business defaults apply, live.</param>
/// <param name="Override">The phone's own fields (absent ones inherit), or null.</param>
/// <param name="Effective">What applies: override over business default over system fallback.</param>
/// <param name="Sources">For every effective field (dotted path), where it came from: phone, business or system.</param>
/// <param name="Version">Bumped by every write of this section; also the ETag ("v{version}").</param>
/// <param name="UpdatedAt">When the override was last written, if ever.</param>
public sealed record PhoneSectionResponse<T>(
    string Section, string PhoneId, bool Inherits, T? Override, T Effective,
    IReadOnlyDictionary<string, SettingSource> Sources, long Version, DateTimeOffset? UpdatedAt);
