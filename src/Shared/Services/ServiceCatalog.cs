using MultiPhone.Businesses;
using MultiPhone.Common;
using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Services;

/// <summary>
/// Creates, reads, changes and deletes services, and tells what a phone offers. Every change has a scope: a null phone
/// id means the business-wide services, a phone id means that phone's own; a service outside the scope answers 404
/// like a missing one.
/// </summary>
public sealed class ServiceCatalog(BusinessStore businesses, PhoneNumberService phones, ServiceStore store, TimeProvider time)
{
    /// <summary>The business-wide services, by name then id.</summary>
    public async Task<Result<IReadOnlyList<Service>>> ListBusinessWideAsync(string businessId, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is null)
        {
            return BusinessService.NotFound(businessId);
        }
        return ByName(await store.ListBusinessWideAsync(businessId, ct));
    }

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
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var now = time.GetUtcNow();
        var service = new Service
        {
            Id = Guid.NewGuid().ToString(),
            BusinessId = businessId,
            PhoneId = phoneId,
            Name = valid.Value.Name,
            Description = valid.Value.Description,
            DurationMinutes = valid.Value.DurationMinutes,
            Price = valid.Value.Price,
            Bookable = valid.Value.Bookable ?? false,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var created = await store.CreateAsync(service, ct);
        return created.Stored?.Item ?? throw new InvalidOperationException($"A new service id {service.Id} collided with an existing one.");
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
        var current = found.Value;
        var valid = ServiceRules.Validate(input);
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var updated = current.Item with
        {
            Name = valid.Value.Name,
            Description = valid.Value.Description,
            DurationMinutes = valid.Value.DurationMinutes,
            Price = valid.Value.Price,
            Bookable = valid.Value.Bookable ?? current.Item.Bookable,
            Version = current.Item.Version + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        var replaced = await store.ReplaceAsync(updated, current.ETag, ct);
        return replaced.Status switch
        {
            WriteStatus.Done => updated,
            WriteStatus.Missing => NotFound(serviceId),
            _ => Stale(),
        };
    }

    /// <summary>Deletes the service under If-Match. Phones that switched a business-wide one off keep its id harmlessly.</summary>
    public async Task<Result<bool>> DeleteAsync(string businessId, string? phoneId, string serviceId, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, phoneId, serviceId, ifMatch, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        return await store.RemoveAsync(found.Value.Item, found.Value.ETag, time.GetUtcNow(), ct) switch
        {
            WriteStatus.Done => true,
            WriteStatus.Missing => NotFound(serviceId),
            _ => Stale(),
        };
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

    private static List<Service> ByName(IEnumerable<Service> services) => services
        .OrderBy(service => service.Name, StringComparer.InvariantCultureIgnoreCase)
        .ThenBy(service => service.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>Why nothing can be created in the scope: the business or the phone does not exist.</summary>
    private async Task<Problem?> ScopeProblemAsync(string businessId, string? phoneId, CancellationToken ct)
    {
        if (phoneId is not null)
        {
            var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
            return phone.IsOk ? null : phone.Problem;
        }
        return await businesses.GetAsync(businessId, ct) is null ? BusinessService.NotFound(businessId) : null;
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
        return await store.GetAsync(businessId, serviceId, ct) is { } service && service.Item.PhoneId == phoneId
            ? service
            : NotFound(serviceId);
    }

    private async Task<Result<Stored<Service>>> FindCurrentAsync(
        string businessId, string? phoneId, string serviceId, string ifMatch, CancellationToken ct)
    {
        var found = await FindAsync(businessId, phoneId, serviceId, ct);
        return found.IsOk && !ETags.Matches(ifMatch, found.Value.Item.ETag) ? Stale() : found;
    }

    private static Problem NotFound(string serviceId) => Problem.NotFound($"Service '{serviceId}' was not found here.");

    private static Problem Stale() =>
        Problem.PreconditionFailed("The service changed since you read it; read it again and reapply your change.");
}
