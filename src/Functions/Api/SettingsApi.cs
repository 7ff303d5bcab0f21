using Microsoft.AspNetCore.Mvc;
using MultiPhone.Migration;
using MultiPhone.PhoneNumbers;
using MultiPhone.ScheduledChanges;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary>
/// Every registered settings section (<see cref="SettingsSections"/>), served three ways:
/// <list type="bullet">
/// <item><c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/settings/{section}</c>: a phone's own settings over
/// the business defaults. GET shows the override, the effective section and each field's source; PUT replaces the
/// override; DELETE returns the section to inheriting.</item>
/// <item><c>/api/v2/businesses/{businessId}/settings/defaults/{section}</c>: the business's defaults, the live fallback
/// of every phone that inherits and the template for new phones.</item>
/// <item><c>/api/v1/businesses/{businessId}/settings/{section}</c>: the pre-multi-phone routes, kept for existing
/// clients: they act on the primary phone (or <c>?phoneId=</c>), read and write the whole effective section as v1 did
/// (If-Match optional), and announce their successor with Deprecation, Sunset and Link headers.</item>
/// </list>
/// </summary>
public static class SettingsApi
{
    /// <summary>RFC 9745: when v1 became deprecated.</summary>
    public static readonly DateTimeOffset DeprecatedSince = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>RFC 8594: when v1 stops answering.</summary>
    public static readonly DateTimeOffset SunsetAt = new(2027, 6, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every answer of the v1 routes, refusals included, says that v1 is deprecated and when it ends.</summary>
    public static RouteGroupBuilder MarkDeprecated(this RouteGroupBuilder group) =>
        group.WithMetadata(new DeprecatedEndpoint(DeprecatedSince, SunsetAt));

    public static RouteGroupBuilder MapPhoneSettings(this RouteGroupBuilder business) =>
        business.MapSections(business.MapGroup("/phone-numbers/{phoneId}/settings").WithTags("Phone settings"), new PhoneRoutes());

    public static RouteGroupBuilder MapDefaultSettings(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/settings/defaults").WithTags("Business default settings");
        group.MapGet("", InheritanceAsync)
            .WithName("GetDefaultsInheritance")
            .WithSummary("Which phones follow each default section and which override it")
            .WithDescription("For each section: the phones that inherit it from these defaults, and those "
                + "with an override of their own. The business defaults editor shows how many locations each section reaches.");
        return business.MapSections(group, new DefaultRoutes());
    }

    public static RouteGroupBuilder MapLegacySettings(this RouteGroupBuilder business) =>
        business.MapSections(business.MapGroup("/settings").WithTags("Deprecated v1 settings"), new LegacyRoutes());

    private static RouteGroupBuilder MapSections(this RouteGroupBuilder business, RouteGroupBuilder group, SectionRoutes routes)
    {
        routes.Group = group;
        foreach (var section in ((IEndpointRouteBuilder)business).ServiceProvider.GetRequiredService<SettingsSections>().All)
        {
            section.Apply(routes);
        }
        return business;
    }

    /// <summary>What differs between the three ways a section is served: handlers, names and texts, and whether it can be reset.</summary>
    private abstract class SectionRoutes : ISectionAction
    {
        public RouteGroupBuilder Group { get; set; } = null!;

        public void On<T>() where T : class, ISettingsSection<T>
        {
            var title = char.ToUpperInvariant(T.Name[0]) + T.Name[1..];
            var (getSummary, getDescription) = GetTexts(T.Name);
            Group.MapGet($"/{T.Name}", Get<T>()).WithName(Name("Get", title)).WithSummary(getSummary).WithDescription(getDescription);
            var (putSummary, putDescription) = PutTexts(T.Name);
            var put = Group.MapPut($"/{T.Name}", Put<T>())
                .RequireBusinessRole(BusinessRole.Editor)
                .WithName(Name("Put", title))
                .WithSummary(putSummary)
                .WithDescription(putDescription)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed);
            if (Reset<T>() is not { } reset)
            {
                return;
            }
            put.ProducesProblem(StatusCodes.Status428PreconditionRequired);
            Group.MapDelete($"/{T.Name}", reset.Handler)
                .RequireBusinessRole(BusinessRole.Editor)
                .WithName(Name("Reset", title))
                .WithSummary(reset.Summary)
                .WithDescription(reset.Description)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        }

        protected abstract string Name(string verb, string title);

        /// <summary>With <c>at</c>: the layers as the pending scheduled changes due by then will leave them.</summary>
        protected static async Task<LayerOverlay?> OverlayAsync(SchedulePreview preview, string businessId, string section, string? phoneId, DateTimeOffset? at, CancellationToken ct) =>
            at is { } instant ? (await preview.AtAsync(businessId, instant, ct)).Overlay(businessId, section, phoneId) : null;

        /// <summary>A preview is not the stored section: no ETag to write it with.</summary>
        protected static TResult Previewed<TResult>(DateTimeOffset? at, HttpResponse response, TResult result)
        {
            if (at is not null)
            {
                response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.ETag);
            }
            return result;
        }

        protected abstract (string Summary, string Description) GetTexts(string section);

        protected abstract (string Summary, string Description) PutTexts(string section);

        protected abstract Delegate Get<T>() where T : class, ISettingsSection<T>;

        protected abstract Delegate Put<T>() where T : class, ISettingsSection<T>;

        /// <summary>The DELETE that returns the section to what the layer below gives; null where there is none (v1).</summary>
        protected virtual (string Summary, string Description, Delegate Handler)? Reset<T>() where T : class, ISettingsSection<T> => null;
    }

    private sealed class PhoneRoutes : SectionRoutes
    {
        protected override string Name(string verb, string title) => $"{verb}Phone{title}Settings";

        protected override (string, string) GetTexts(string section) => (
            $"Read the phone's {section} settings: override, effective values and their sources",
            "`override` is what the phone sets itself (null while it inherits everything), `effective` what applies, "
                + "and `sources` names the layer (phone, business or system) each effective field comes from.");

        protected override (string, string) PutTexts(string section) => (
            $"Replace the phone's {section} override",
            "Fields left out (or null) inherit the business default field; objects merge field by field, lists replace whole. "
                + "Needs If-Match with the section's ETag (\"v0\" before the first write).");

        protected override Delegate Get<T>() =>
            async Task<Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult>> (
                string businessId, string phoneId, DateTimeOffset? at, SettingsService settings, SchedulePreview preview, HttpResponse response, CancellationToken ct) =>
                Previewed(at, response, Respond(await settings.GetAsync<T>(businessId, phoneId, ct, await OverlayAsync(preview, businessId, T.Name, phoneId, at, ct)), phoneId, response));

        protected override Delegate Put<T>() =>
            async Task<Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult>> (
                string businessId, string phoneId, T body, [FromHeader(Name = "If-Match")] string? ifMatch,
                SettingsService settings, HttpResponse response, CancellationToken ct) =>
                ifMatch is null
                    ? Problem.PreconditionRequired().ToHttp()
                    : Respond(await settings.PutAsync(businessId, phoneId, body, ifMatch, ct), phoneId, response);

        protected override (string, string, Delegate)? Reset<T>() => (
            $"Reset the phone's {T.Name} settings to the business defaults",
            "Removes the override, so the section inherits again and follows later changes of the defaults. Needs If-Match.",
            async Task<Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult>> (
                string businessId, string phoneId, [FromHeader(Name = "If-Match")] string? ifMatch,
                SettingsService settings, HttpResponse response, CancellationToken ct) =>
                ifMatch is null
                    ? Problem.PreconditionRequired().ToHttp()
                    : Respond(await settings.PutAsync<T>(businessId, phoneId, null, ifMatch, ct), phoneId, response));

        private static Results<Ok<PhoneSectionResponse<T>>, ProblemHttpResult> Respond<T>(Result<SectionView<T>> result, string phoneId, HttpResponse response)
            where T : class, ISettingsSection<T> =>
            WithETag(result, response, view => PhoneSectionResponse<T>.From(view, phoneId));
    }

    private sealed class DefaultRoutes : SectionRoutes
    {
        protected override string Name(string verb, string title) => $"{verb}Default{title}Settings";

        protected override (string, string) GetTexts(string section) => (
            $"Read the business's default {section} settings",
            "`value` is what the business sets (null when nothing), `effective` what inheriting phones get over the "
                + "system fallback, and `sources` where each field comes from.");

        protected override (string, string) PutTexts(string section) => (
            $"Replace the business's default {section} settings",
            "Fields left out fall back to the system defaults. Needs If-Match (\"v0\" before the first write).");

        protected override Delegate Get<T>() =>
            async Task<Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult>> (
                string businessId, DateTimeOffset? at, SettingsService settings, SchedulePreview preview, HttpResponse response, CancellationToken ct) =>
                Previewed(at, response, Respond(await settings.GetAsync<T>(businessId, phoneId: null, ct, await OverlayAsync(preview, businessId, T.Name, null, at, ct)), response));

        protected override Delegate Put<T>() =>
            async Task<Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult>> (
                string businessId, T body, [FromHeader(Name = "If-Match")] string? ifMatch,
                SettingsService settings, HttpResponse response, CancellationToken ct) =>
                ifMatch is null
                    ? Problem.PreconditionRequired().ToHttp()
                    : Respond(await settings.PutAsync(businessId, phoneId: null, body, ifMatch, ct), response);

        protected override (string, string, Delegate)? Reset<T>() => (
            $"Reset the business's default {T.Name} settings to the system defaults",
            "Inheriting phones follow the system defaults from then on. Needs If-Match.",
            async Task<Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult>> (
                string businessId, [FromHeader(Name = "If-Match")] string? ifMatch,
                SettingsService settings, HttpResponse response, CancellationToken ct) =>
                ifMatch is null
                    ? Problem.PreconditionRequired().ToHttp()
                    : Respond(await settings.PutAsync<T>(businessId, phoneId: null, null, ifMatch, ct), response));

        private static Results<Ok<DefaultSectionResponse<T>>, ProblemHttpResult> Respond<T>(Result<SectionView<T>> result, HttpResponse response)
            where T : class, ISettingsSection<T> =>
            WithETag(result, response, DefaultSectionResponse<T>.From);
    }

    private sealed class LegacyRoutes : SectionRoutes
    {
        protected override string Name(string verb, string title) => $"Legacy{verb}{title}Settings";

        protected override (string, string) GetTexts(string section) => (
            $"Deprecated: the {section} settings of the primary phone (or phoneId)",
            $"Use GET /api/v2/businesses/{{businessId}}/phone-numbers/{{phoneId}}/settings/{section}.");

        protected override (string, string) PutTexts(string section) => (
            $"Deprecated: replace the {section} settings of the primary phone (or phoneId)",
            $"Use PUT /api/v2/businesses/{{businessId}}/phone-numbers/{{phoneId}}/settings/{section}. If-Match is optional here.");

        protected override Delegate Get<T>() =>
            async Task<Results<Ok<T>, ProblemHttpResult>> (
                string businessId, string? phoneId, PhoneNumberService phones, LazyMigration lazy, SettingsService settings,
                HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var phone = await TargetAsync(businessId, phoneId, phones, lazy, ct);
                return phone.IsOk
                    ? Respond(await settings.GetAsync<T>(businessId, phone.Value, ct), businessId, phone.Value, request, response)
                    : phone.Problem.ToHttp();
            };

        protected override Delegate Put<T>() =>
            async Task<Results<Ok<T>, ProblemHttpResult>> (
                string businessId, string? phoneId, T body, [FromHeader(Name = "If-Match")] string? ifMatch,
                PhoneNumberService phones, LazyMigration lazy, SettingsService settings, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var phone = await TargetAsync(businessId, phoneId, phones, lazy, ct);
                // v1 clients never sent If-Match; without it the write is unconditional, as it was then.
                return phone.IsOk
                    ? Respond(await settings.PutAsync(businessId, phone.Value, body, ifMatch ?? "*", ct), businessId, phone.Value, request, response)
                    : phone.Problem.ToHttp();
            };

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
            return WithETag(result, response, view => view.Effective);
        }
    }

    private static async Task<Results<Ok<DefaultsInheritanceResponse>, ProblemHttpResult>> InheritanceAsync(
        string businessId, SettingsService settings, CancellationToken ct)
    {
        var result = await settings.InheritanceAsync(businessId, ct);
        return result.IsOk ? TypedResults.Ok(new DefaultsInheritanceResponse(result.Value)) : result.Problem.ToHttp();
    }

    private static Results<Ok<TResponse>, ProblemHttpResult> WithETag<T, TResponse>(
        Result<SectionView<T>> result, HttpResponse response, Func<SectionView<T>, TResponse> body)
        where T : class, ISettingsSection<T>
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(body(result.Value));
    }
}

/// <param name="Section">The section's name.</param>
/// <param name="PhoneId">The phone.</param>
/// <param name="Inherits">True when the phone has no override: the business defaults apply, live.</param>
/// <param name="Override">The phone's own fields (absent ones inherit), or null.</param>
/// <param name="Effective">What applies: override over business default over system fallback.</param>
/// <param name="Sources">For every effective field (dotted path), where it came from: phone, business or system.</param>
/// <param name="Version">Bumped by every write of this section; also the ETag ("v{version}").</param>
/// <param name="UpdatedAt">When the override was last written, if ever.</param>
public sealed record PhoneSectionResponse<T>(
    string Section, string PhoneId, bool Inherits, T? Override, T Effective,
    IReadOnlyDictionary<string, SettingSource> Sources, long Version, DateTimeOffset? UpdatedAt)
    where T : class, ISettingsSection<T>
{
    public static PhoneSectionResponse<T> From(SectionView<T> view, string phoneId) =>
        new(T.Name, phoneId, view.Layer is null, view.Layer, view.Effective, view.Sources, view.Version, view.UpdatedAt);
}

/// <param name="Sections">Every section, each with the phones that inherit it and those that override it.</param>
public sealed record DefaultsInheritanceResponse(IReadOnlyList<SectionInheritance> Sections);

/// <param name="Section">The section's name.</param>
/// <param name="Value">The business's own default fields (absent ones fall back to the system), or null.</param>
/// <param name="Effective">The defaults as phones inherit them: business default over system fallback.</param>
/// <param name="Sources">For every effective field (dotted path): business or system.</param>
/// <param name="Version">Bumped by every write; also the ETag ("v{version}").</param>
/// <param name="UpdatedAt">When the defaults were last written, if ever.</param>
public sealed record DefaultSectionResponse<T>(
    string Section, T? Value, T Effective, IReadOnlyDictionary<string, SettingSource> Sources, long Version, DateTimeOffset? UpdatedAt)
    where T : class, ISettingsSection<T>
{
    public static DefaultSectionResponse<T> From(SectionView<T> view) =>
        new(T.Name, view.Layer, view.Effective, view.Sources, view.Version, view.UpdatedAt);
}
