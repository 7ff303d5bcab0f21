using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Services;

/// <summary>
/// Which business-wide services a phone switches off. Ids whose service was deleted since stay in the stored list and
/// every read leaves them out.
/// </summary>
public sealed class SwitchedOffServices(PhoneNumberService phones, ServiceStore store, TimeProvider time)
    : PhoneListService<PhoneServiceSelection, Service, SwitchedOffInput, SwitchedOffView>(phones, store, ServiceStore.BusinessWide, time)
{
    protected override PhoneServiceSelection Empty(string businessId, string phoneId) => new()
    {
        Id = phoneId, BusinessId = businessId, BusinessServiceIds = [], Version = VersionETags.NeverWritten, UpdatedAt = DateTimeOffset.MinValue,
    };

    protected override IReadOnlyCollection<string> NamedIn(PhoneServiceSelection list) => list.BusinessServiceIds;

    protected override IReadOnlyCollection<string> NamedIn(SwitchedOffInput input) => ServiceRules.ServiceIdsOf(input);

    protected override Result<PhoneServiceSelection> Apply(SwitchedOffInput input, PhoneServiceSelection list, IReadOnlySet<string> found)
    {
        var valid = ServiceRules.ValidateSwitchedOff(input, found);
        return valid.IsOk ? list with { BusinessServiceIds = valid.Value } : valid.Problem;
    }

    protected override SwitchedOffView View(PhoneServiceSelection list, IReadOnlyList<Service> items)
    {
        var existing = items.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return new SwitchedOffView(list.BusinessServiceIds.Where(existing.Contains).ToList(), list.Version);
    }

    protected override Problem Stale() =>
        Problem.PreconditionFailed("The phone's switched-off services changed since you read them; read them again and reapply your change.");
}
