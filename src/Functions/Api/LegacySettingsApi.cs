using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.Hours;
using MultiPhone.Migration;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary>
/// The pre-multi-phone routes, <c>GET/PUT /api/v1/businesses/{businessId}/settings/{voice|rules|hours|sms}</c>, kept
/// for existing clients: they act on the primary phone (or <c>?phoneId=</c>), read and write the whole effective
/// section as v1 did (If-Match optional), and announce their successor with Deprecation, Sunset and Link headers.
/// </summary>
public static class LegacySettingsApi
{
    /// <summary>RFC 9745: when v1 became deprecated.</summary>
    public static readonly DateTimeOffset DeprecatedSince = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>RFC 8594: when v1 stops answering.</summary>
    public static readonly DateTimeOffset SunsetAt = new(2027, 6, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every answer of the v1 routes, refusals included, says that v1 is deprecated and when it ends.</summary>
    public static RouteGroupBuilder MarkDeprecated(this RouteGroupBuilder group) =>
        group.WithMetadata(new DeprecatedEndpoint(DeprecatedSince, SunsetAt));

    public static RouteGroupBuilder MapLegacySettings(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/settings").WithTags("Deprecated v1 settings");
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
            .WithName($"LegacyGet{title}Settings")
            .WithSummary($"Deprecated: the {T.Name} settings of the primary phone (or phoneId)")
            .WithDescription($"Use GET /api/v2/businesses/{{businessId}}/phone-numbers/{{phoneId}}/settings/{T.Name}.");
        group.MapPut($"/{T.Name}", PutAsync<T>)
            .RequireBusinessRole(BusinessRole.Editor)
            .WithName($"LegacyPut{title}Settings")
            .WithSummary($"Deprecated: replace the {T.Name} settings of the primary phone (or phoneId)")
            .WithDescription($"Use PUT /api/v2/businesses/{{businessId}}/phone-numbers/{{phoneId}}/settings/{T.Name}. If-Match is optional here.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult>> GetAsync<T>(
        string businessId, string? phoneId, PhoneNumberService phones, LazyMigration lazy, SettingsService settings, HttpRequest request, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T>
    {
        var phone = await TargetAsync(businessId, phoneId, phones, lazy, ct);
        return phone.IsOk
            ? Respond(await settings.GetAsync<T>(businessId, phone.Value, ct), businessId, phone.Value, request, response)
            : phone.Problem.ToHttp();
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult>> PutAsync<T>(
        string businessId, string? phoneId, T body, [FromHeader(Name = "If-Match")] string? ifMatch,
        PhoneNumberService phones, LazyMigration lazy, SettingsService settings, HttpRequest request, HttpResponse response, CancellationToken ct)
        where T : class, ISettingsSection<T>
    {
        var phone = await TargetAsync(businessId, phoneId, phones, lazy, ct);
        // v1 clients never sent If-Match; without it the write is unconditional, as it was then.
        return phone.IsOk
            ? Respond(await settings.PutAsync(businessId, phone.Value, body, ifMatch ?? "*", ct), businessId, phone.Value, request, response)
            : phone.Problem.ToHttp();
    }

    private static async Task<Result<string>> TargetAsync(string businessId, string? phoneId, PhoneNumberService phones, LazyMigration lazy, CancellationToken ct)
    {
        // A business the migration has not reached yet is migrated now, so v1 clients find its primary phone.
        await lazy.EnsureMigratedAsync(businessId, ct);
        if (!string.IsNullOrEmpty(phoneId))
        {
            return phoneId;
        }
        var listed = await phones.ListAsync(businessId, active: null, ct);
        if (!listed.IsOk)
        {
            return listed.Problem;
        }
        return listed.Value.FirstOrDefault(p => p.IsPrimary)?.Phone.Id is { } primary
            ? primary
            : Problem.NotFound($"Business '{businessId}' has no phone numbers, so it has no settings to show here.");
    }

    private static Results<Ok<T>, ProblemHttpResult> Respond<T>(
        Result<SectionView<T>> result, string businessId, string phoneId, HttpRequest request, HttpResponse response)
        where T : class, ISettingsSection<T>
    {
        // Set, not appended: the endpoint may run more than once (IfMatchAny); the deprecation Link is added on sending.
        response.Headers.Link = $"<{request.PathBase}/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/settings/{T.Name}>; rel=\"successor-version\"";
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(result.Value.Effective);
    }
}
