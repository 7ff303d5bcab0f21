using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;

namespace MultiPhone.Functions.Api;

/// <summary>
/// Carries out a restore (<see cref="HistoryService.PlanAsync"/> works out the content): through the target's own
/// service, with its validation, If-Match and revision (which names the restored one), answering what the target's
/// own GET answers.
/// </summary>
public sealed class HistoryRestores(
    SettingsService settings,
    SettingsSections sections,
    PhoneNumberService phones,
    BusinessService businesses,
    StaffService staff,
    ServiceCatalog services,
    PhoneStaffService assignments,
    SwitchedOffServices switchedOff)
{
    /// <summary>Restoring writes the target: it needs the role its own routes need.</summary>
    public static BusinessRole RoleToRestore(TargetKind kind) =>
        kind is TargetKind.PhoneSection or TargetKind.DefaultSection ? BusinessRole.Editor : BusinessRole.Admin;

    public async Task<Result<(JsonObject Body, string ETag)>> RestoreAsync(RestorePlan plan, string ifMatch, CancellationToken ct)
    {
        var (revision, content) = (plan.Revision, plan.Content);
        var (businessId, target) = (revision.BusinessId, revision.Target);
        using var restoring = Revisions.Restoring(revision.Id);
        if (target.Kind is TargetKind.PhoneSection or TargetKind.DefaultSection)
        {
            var section = new SectionRestore(settings, businessId, target.PhoneId, content, ifMatch, ct);
            sections.Find(target.Section!)!.Apply(section);
            return await section.Restored!;
        }
        if (content is null)
        {
            return Problem.Validation("to", $"That version of the {Named(target.Kind)} is its absence: delete it instead, or restore another version.");
        }
        return target.Kind switch
        {
            TargetKind.Phone => Answer(await phones.UpdateAsync(businessId, target.PhoneId!, Input<PhoneNumberInput>(content), ifMatch, ct),
                view => view.ETag, view => view.ToResponse()),
            TargetKind.Business => Answer(await businesses.PutAsync(businessId, Input<BusinessInput>(content), ifMatch, ct),
                put => put.Business.ETag, put => BusinessResponse.From(put.Business)),
            TargetKind.Staff => Answer(await staff.UpdateAsync(businessId, target.ItemId!, Input<StaffInput>(content), ifMatch, ct),
                member => member.ETag, member => member.ToResponse()),
            TargetKind.Service => Answer(await services.UpdateAsync(businessId, target.PhoneId, target.ItemId!, Input<ServiceInput>(content), ifMatch, ct),
                service => service.ETag, service => service.ToResponse()),
            TargetKind.StaffAssignments => Answer(await assignments.ReplaceAsync(businessId, target.PhoneId!, Input<PhoneStaffInput>(content), ifMatch, ct),
                view => view.ETag, view => view.ToResponse()),
            TargetKind.SwitchedOffServices => Answer(await switchedOff.ReplaceAsync(businessId, target.PhoneId!, Input<SwitchedOffInput>(content), ifMatch, ct),
                view => view.ETag, view => view.ToResponse()),
            _ => throw new InvalidOperationException($"No restore for {target.Kind}."),
        };
    }

    /// <summary>A stored content as the body of the target's own PUT (their fields are named alike).</summary>
    private static T Input<T>(JsonObject content) => content.Deserialize<T>(ApiJson.Options) ?? throw new JsonException($"A null {typeof(T).Name}.");

    private static Result<(JsonObject, string)> Answer<T, TResponse>(Result<T> result, Func<T, string> etag, Func<T, TResponse> body) =>
        result.IsOk ? (ChangeMessageJson(body(result.Value)), etag(result.Value)) : result.Problem;

    private static JsonObject ChangeMessageJson<T>(T body) => JsonSerializer.SerializeToNode(body, ApiJson.Options)!.AsObject();

    private static string Named(TargetKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>A section's restore, typed: the layer goes through the section's PUT (null: back to inheriting).</summary>
    private sealed class SectionRestore(SettingsService settings, string businessId, string? phoneId, JsonObject? content, string ifMatch, CancellationToken ct)
        : ISectionAction
    {
        public Task<Result<(JsonObject, string)>>? Restored { get; private set; }

        public void On<T>() where T : class, ISettingsSection<T> => Restored = RestoreAsync<T>();

        private async Task<Result<(JsonObject, string)>> RestoreAsync<T>() where T : class, ISettingsSection<T>
        {
            var view = await settings.PutAsync(businessId, phoneId, SectionJson<T>.FromJson(content), ifMatch, ct);
            return phoneId is null
                ? Answer(view, v => v.ETag, v => DefaultSectionResponse<T>.From(v))
                : Answer(view, v => v.ETag, v => PhoneSectionResponse<T>.From(v, phoneId));
        }
    }
}
