using MultiPhone.Common;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Services;

/// <summary>
/// Which business-wide services a phone switches off. Ids whose service was deleted since stay in the stored list and
/// every read leaves them out.
/// </summary>
public sealed class SwitchedOffServices(PhoneNumberService phones, ServiceStore store, TimeProvider time)
{
    private const long NeverSwitchedOff = 0;

    public async Task<Result<SwitchedOffView>> GetAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        if (await store.GetSelectionAsync(businessId, phoneId, ct) is not { } stored)
        {
            return new SwitchedOffView([], NeverSwitchedOff);
        }
        var existing = (await store.FindBusinessWideAsync(businessId, stored.Item.BusinessServiceIds, ct))
            .Select(s => s.Id)
            .ToHashSet(StringComparer.Ordinal);
        return new SwitchedOffView(stored.Item.BusinessServiceIds.Where(existing.Contains).ToList(), stored.Item.Version);
    }

    /// <summary>Replaces the phone's whole switched-off list under If-Match; <c>"v0"</c> matches a phone that never set one.</summary>
    public async Task<Result<SwitchedOffView>> ReplaceAsync(
        string businessId, string phoneId, SwitchedOffInput input, string ifMatch, CancellationToken ct)
    {
        var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        var current = await store.GetSelectionAsync(businessId, phoneId, ct);
        if (!ETags.Matches(ifMatch, current?.Item.ETag ?? ServiceETags.Of(NeverSwitchedOff)))
        {
            return Stale();
        }
        var businessWide = await store.FindBusinessWideAsync(businessId, ServiceRules.ServiceIdsOf(input), ct);
        var valid = ServiceRules.ValidateSwitchedOff(input, businessWide.Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var replacement = new PhoneServiceSelection
        {
            Id = phoneId,
            BusinessId = businessId,
            BusinessServiceIds = valid.Value,
            Version = (current?.Item.Version ?? NeverSwitchedOff) + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        var written = current is null
            ? await store.CreateSelectionAsync(replacement, ct)
            : await store.ReplaceSelectionAsync(replacement, current.ETag, ct);
        // Any failure means another request wrote the list first (a create conflicts, a replace is stale).
        return written.Done ? new SwitchedOffView(replacement.BusinessServiceIds, replacement.Version) : Stale();
    }

    private static Problem Stale() =>
        Problem.PreconditionFailed("The phone's switched-off services changed since you read them; read them again and reapply your change.");
}
