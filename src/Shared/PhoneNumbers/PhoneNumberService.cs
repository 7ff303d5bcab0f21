using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.PhoneNumbers;

/// <summary>
/// Lists, reads, changes and deletes a business's phones. Creation, with its number reservation, is in
/// <see cref="PhoneNumberCreation"/>.
/// </summary>
public sealed partial class PhoneNumberService(
    BusinessStore businesses,
    PhoneNumberStore store,
    PhoneSlots slots,
    IEnumerable<IPhoneScopedData> phoneScopedData,
    Revisions revisions,
    TimeProvider time,
    ILogger<PhoneNumberService> logger)
{
    /// <summary>The business's phones (those active or not, those with a label, when given): primary first, then by display name.</summary>
    public async Task<Result<IReadOnlyList<PhoneView>>> ListAsync(string businessId, bool? active, CancellationToken ct, string? label = null)
    {
        if (await businesses.GetAsync(businessId, ct) is not { } business)
        {
            return BusinessService.NotFound(businessId);
        }
        var views = await ReadyViewsAsync(business.Item, ct);
        return views
            .Where(view => active is null || view.Phone.IsActive == active)
            .Where(view => label is null || view.Phone.Labels.Contains(label, StringComparer.Ordinal))
            .OrderByDescending(view => view.IsPrimary)
            .ThenBy(view => view.Phone.DisplayName, StringComparer.InvariantCultureIgnoreCase)
            .ThenBy(view => view.Phone.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<Result<PhoneView>> GetAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var found = await FindAsync(businessId, phoneId, ct);
        return found.IsOk ? found.Value.View : found.Problem;
    }

    /// <summary>
    /// The ready phone, without working out whether it is the primary: for routes below a phone (settings, staff,
    /// services) that only need to know it exists in this business.
    /// </summary>
    public async Task<Result<PhoneNumber>> FindPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        await store.GetAsync(businessId, phoneId, ct) is { Item.State: PhoneState.Ready } phone ? phone.Item : NotFound(phoneId);

    /// <summary>Replaces the phone's details under If-Match; <c>isPrimary: true</c> demotes the current primary.</summary>
    public async Task<Result<PhoneView>> UpdateAsync(string businessId, string phoneId, PhoneNumberInput input, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, phoneId, ifMatch, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var (current, business) = found.Value;
        var valid = PhoneNumberRules.Validate(input, business.CompanyProfile?.DefaultCountry, current.Phone.Number);
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var change = valid.Value;
        var isActive = change.IsActive ?? current.Phone.IsActive;
        if (current.IsPrimary && change.IsPrimary == false)
        {
            return PrimaryRequired("It cannot stop being the primary by itself: make another phone primary instead.");
        }
        if (current.IsPrimary && !isActive && await HasOtherPhonesAsync(business, phoneId, ct))
        {
            return PrimaryCannotBeDeactivated();
        }
        if (change.IsPrimary == true && !isActive)
        {
            return Problem.Validation("isPrimary", "An inactive phone cannot be the primary; activate it in the same request.");
        }
        var updated = current.Phone with
        {
            DisplayName = change.DisplayName,
            Address = change.Address,
            Timezone = change.Timezone,
            IsActive = isActive,
            Labels = change.Labels ?? current.Phone.Labels,
            UpdatedAt = time.GetUtcNow(),
            Version = current.Phone.Version + 1,
        };
        var replaced = await store.ReplaceAsync(updated, current.StoredETag, await revisions.ForAsync(PhoneNumberStore.Draft(current.Phone, updated), ct), ct);
        if (!replaced.Done)
        {
            return replaced.Status == WriteStatus.Missing ? NotFound(phoneId) : Stale();
        }
        var isPrimary = current.IsPrimary;
        if (change.IsPrimary == true && !current.IsPrimary)
        {
            // Last writer wins among concurrent promotions; the business document keeps exactly one name.
            await businesses.UpdateAsync(businessId, (b, _) => Task.FromResult<Business?>(b with { PrimaryPhoneId = phoneId }), ct);
            isPrimary = true;
        }
        return new PhoneView(updated, replaced.Stored!.ETag, isPrimary);
    }

    /// <summary>Deletes a phone under If-Match. The primary can go only when it is the last phone.</summary>
    public async Task<Result<bool>> DeleteAsync(string businessId, string phoneId, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, phoneId, ifMatch, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var (current, business) = found.Value;
        if (current.IsPrimary && await HasOtherPhonesAsync(business, phoneId, ct))
        {
            return PrimaryRequired("The primary phone cannot be deleted while the business has other phones: make another phone primary first.");
        }
        var revision = await revisions.ForAsync(PhoneNumberStore.Draft(current.Phone, after: null), ct);
        switch (await store.RemoveAsync(current.Phone, current.StoredETag, time.GetUtcNow(), revision, ct))
        {
            case WriteStatus.Missing:
                return NotFound(phoneId);
            case WriteStatus.Stale:
                return Stale();
        }
        // The phone is gone; if the process stops here, the index entry points at nothing and the next create of the
        // number reclaims it. Release it now when it is still ours.
        if (await store.GetIndexAsync(current.Phone.Number, ct) is { } entry && entry.Item.PhoneId == phoneId)
        {
            await store.DeleteIndexAsync(entry.Item.Id, entry.ETag, ct);
        }
        if (current.IsPrimary)
        {
            await businesses.UpdateAsync(businessId,
                (b, _) => Task.FromResult(b.PrimaryPhoneId == phoneId ? b with { PrimaryPhoneId = null } : null), ct);
        }
        await slots.ReleaseAsync(businessId, ct);
        await DeletePhoneScopedDataAsync(businessId, phoneId);
        return true;
    }

    /// <summary>Every ready phone of the business, each marked primary or not by <see cref="PrimaryPhoneRule"/>.</summary>
    internal async Task<List<PhoneView>> ReadyViewsAsync(Business business, CancellationToken ct)
    {
        var ready = await ReadyPhonesAsync(business.Id, ct);
        var primary = PrimaryPhoneRule.Resolve(business.PrimaryPhoneId, ready.Select(p => p.Item));
        return ready.Select(p => new PhoneView(p.Item, p.ETag, p.Item.Id == primary)).ToList();
    }

    /// <summary>The phone the business's primary is, after applying <see cref="PrimaryPhoneRule"/>.</summary>
    public async Task<string?> ResolvePrimaryAsync(Business business, CancellationToken ct)
    {
        if (business.PrimaryPhoneId is { } named && await store.GetAsync(business.Id, named, ct) is { Item.State: PhoneState.Ready })
        {
            return named;
        }
        // The named primary is missing (never set, or an interrupted create or delete): the rule picks among all phones.
        var ready = await ReadyPhonesAsync(business.Id, ct);
        return PrimaryPhoneRule.Resolve(business.PrimaryPhoneId, ready.Select(p => p.Item));
    }

    private async Task<Result<(PhoneView View, Business Business)>> FindAsync(string businessId, string phoneId, CancellationToken ct)
    {
        if (await store.GetAsync(businessId, phoneId, ct) is not { Item.State: PhoneState.Ready } phone)
        {
            return NotFound(phoneId);
        }
        if (await businesses.GetAsync(businessId, ct) is not { } business)
        {
            return BusinessService.NotFound(businessId);
        }
        var isPrimary = business.Item.PrimaryPhoneId == phoneId || await ResolvePrimaryAsync(business.Item, ct) == phoneId;
        return (new PhoneView(phone.Item, phone.ETag, isPrimary), business.Item);
    }

    /// <summary>The phone, if the caller's If-Match still names its current representation.</summary>
    private async Task<Result<(PhoneView View, Business Business)>> FindCurrentAsync(string businessId, string phoneId, string ifMatch, CancellationToken ct)
    {
        var found = await FindAsync(businessId, phoneId, ct);
        return found.IsOk && !ETags.Matches(ifMatch, found.Value.View.ETag) ? Stale() : found;
    }

    private async Task<List<Stored<PhoneNumber>>> ReadyPhonesAsync(string businessId, CancellationToken ct) =>
        (await store.ListAsync(businessId, ct)).Where(p => p.Item.State == PhoneState.Ready).ToList();

    private async Task<bool> HasOtherPhonesAsync(Business business, string phoneId, CancellationToken ct) =>
        (await ReadyPhonesAsync(business.Id, ct)).Any(p => p.Item.Id != phoneId);

    private async Task DeletePhoneScopedDataAsync(string businessId, string phoneId)
    {
        foreach (var data in phoneScopedData)
        {
            try
            {
                await data.DeleteForPhoneAsync(businessId, phoneId, CancellationToken.None);
            }
            catch (Exception e) when (e is CosmosException or HttpRequestException)
            {
                // The phone is gone and its id is never reused: what is left is unreachable, only storage.
                LogCleanupFailed(logger, e, data.GetType().Name, phoneId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Store} kept data of deleted phone {PhoneId}; it is unreachable")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string store, string phoneId);

    internal static Problem NotFound(string phoneId) => Problem.NotFound($"Phone '{phoneId}' was not found in this business.");

    private static Problem Stale() =>
        Problem.PreconditionFailed("The phone changed since you read it (perhaps another phone became primary); read it again and reapply your change.");

    public static Problem PrimaryCannotBeDeactivated() =>
        PrimaryRequired("The primary phone cannot be deactivated while the business has other phones: make another phone primary first.");

    private static Problem PrimaryRequired(string detail) =>
        new(ProblemTypes.PrimaryRequired, 409, "A business with phones needs a primary phone", detail);
}
