using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Services;

/// <summary>
/// Creates, reads, changes and deletes services, and tells what a phone offers. Every change has a scope: a null phone
/// id means the business-wide services, a phone id means that phone's own; a service outside the scope answers 404
/// like a missing one.
/// </summary>
public sealed class ServiceCatalog(BusinessStore businesses, PhoneNumberService phones, ServiceStore store, TimeProvider time)
    : ItemCatalog<Service>(businesses, store.Items, time)
{
    protected override Service Blank { get; } = new()
    {
        Id = "", BusinessId = "", Name = "", Bookable = false, Version = 0, CreatedAt = default, UpdatedAt = default,
    };

    /// <summary>The business-wide services, by name then id.</summary>
    public Task<Result<IReadOnlyList<Service>>> ListBusinessWideAsync(string businessId, CancellationToken ct) =>
        ListAsync(businessId, ServiceStore.BusinessWide, ct);

    public async Task<Result<PhoneServicesResponse>> ListForPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
        return phone.IsOk ? await OfferedAsync(businessId, phoneId, ct) : phone.Problem;
    }

    public async Task<Result<Service>> GetAsync(string businessId, string? phoneId, string serviceId, CancellationToken ct)
    {
        var found = await FindAsync(businessId, phoneId, serviceId, ct);
        return found.IsOk ? found.Value.Item : found.Problem;
    }

    public async Task<Result<Service>> CreateAsync(string businessId, string? phoneId, ServiceInput input, CancellationToken ct)
    {
        if (await ScopeProblemAsync(businessId, phoneId, ct) is { } problem)
        {
            return problem;
        }
        var valid = ServiceRules.Validate(input);
        return valid.IsOk ? await CreateAsync(businessId, blank => valid.Value.ApplyTo(blank with { PhoneId = phoneId }), ct) : valid.Problem;
    }

    /// <summary>Replaces the service's details under If-Match; <c>bookable</c> keeps its value when omitted.</summary>
    public async Task<Result<Service>> UpdateAsync(
        string businessId, string? phoneId, string serviceId, ServiceInput input, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, phoneId, serviceId, ifMatch, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var valid = ServiceRules.Validate(input);
        return valid.IsOk ? await ReplaceAsync(found.Value, valid.Value.ApplyTo, ct) : valid.Problem;
    }

    /// <summary>Deletes the service under If-Match. Phones that switched a business-wide one off keep its id harmlessly.</summary>
    public async Task<Result<bool>> DeleteAsync(string businessId, string? phoneId, string serviceId, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, phoneId, serviceId, ifMatch, ct);
        return found.IsOk ? await RemoveAsync(found.Value, ct) : found.Problem;
    }

    /// <summary>
    /// The business-wide services the phone has not switched off, plus its own. Switched-off ids whose service was
    /// deleted since are left out, so deleting a service never has to visit the phones.
    /// </summary>
    private async Task<PhoneServicesResponse> OfferedAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var selection = await store.GetSelectionAsync(businessId, phoneId, ct);
        return Offered(await store.ListForPhoneAsync(businessId, phoneId, ct), selection?.Item);
    }

    /// <summary>What a phone offers, from the business-wide services and the phone's own, and the phone's selection.</summary>
    public static PhoneServicesResponse Offered(IEnumerable<Service> services, PhoneServiceSelection? selection)
    {
        var businessWide = services.Where(s => s.Source == ServiceSource.Business).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var switchedOff = (selection?.BusinessServiceIds ?? []).Where(businessWide.Contains).ToList();
        var hidden = switchedOff.ToHashSet(StringComparer.Ordinal);
        var offered = ByName(services.Where(s => !hidden.Contains(s.Id)));
        return new PhoneServicesResponse(offered.Select(PhoneService.From).ToList(), switchedOff);
    }

    /// <summary>Why nothing can be created in the scope: the business or the phone does not exist.</summary>
    private async Task<Problem?> ScopeProblemAsync(string businessId, string? phoneId, CancellationToken ct)
    {
        if (phoneId is not null)
        {
            var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
            return phone.IsOk ? null : phone.Problem;
        }
        var business = await FindBusinessAsync(businessId, ct);
        return business.IsOk ? null : business.Problem;
    }

    private async Task<Result<Stored<Service>>> FindAsync(string businessId, string? phoneId, string serviceId, CancellationToken ct)
    {
        if (phoneId is not null)
        {
            var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
            if (!phone.IsOk)
            {
                return phone.Problem;
            }
        }
        return await store.Items.GetAsync(businessId, serviceId, ct) is { } service && service.Item.PhoneId == phoneId
            ? service
            : NotFound(serviceId);
    }

    private async Task<Result<Stored<Service>>> FindCurrentAsync(
        string businessId, string? phoneId, string serviceId, string ifMatch, CancellationToken ct)
    {
        var found = await FindAsync(businessId, phoneId, serviceId, ct);
        return found.IsOk ? Current(found.Value, serviceId, ifMatch) : found;
    }

    protected override Problem NotFound(string itemId) => Problem.NotFound($"Service '{itemId}' was not found here.");

    protected override Problem Stale() =>
        Problem.PreconditionFailed("The service changed since you read it; read it again and reapply your change.");
}
