using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.PhoneNumbers;

/// <summary>
/// Adds a phone to a business. Three documents change and Cosmos has no cross-partition transaction, so the order
/// of the writes is what keeps it safe when the process stops between any two of them:
/// <list type="number">
/// <item>the phone is written as <c>pending</c>: invisible everywhere, and it expires by TTL in Azure;</item>
/// <item>a slot of the plan's phone-number limit is taken in the business document (<see cref="PhoneSlots"/>);</item>
/// <item>the number is reserved in the index (id = E.164), which refuses a second reservation;</item>
/// <item>what must exist with the phone is written (settings copied from the defaults, when asked for);</item>
/// <item>the phone becomes <c>ready</c> with a conditional write: from here on it exists;</item>
/// <item>the business names it primary when it has none (or it was asked to be).</item>
/// </list>
/// A reservation whose phone is still pending after <see cref="PhoneNumbersOptions.ReservationLease"/> is abandoned:
/// the next create of that number first deletes the pending phone (conditionally, so it can never become ready),
/// then the reservation, and takes the number. A stop before the last step is covered by <see cref="PrimaryPhoneRule"/>;
/// a slot left taken is given back when the count is next corrected.
/// </summary>
public sealed partial class PhoneNumberCreation(
    BusinessStore businesses,
    PhoneNumberStore store,
    PhoneNumberService phones,
    PhoneSlots slots,
    Revisions revisions,
    TimeProvider time,
    IOptions<PhoneNumbersOptions> options,
    ILogger<PhoneNumberCreation> logger)
{
    private const int MaxReservationAttempts = 3;

    /// <param name="businessId">The business.</param>
    /// <param name="input">The phone's details.</param>
    /// <param name="beforeReady">Writes what the phone must have when it appears (its copied settings); it runs while the phone is still invisible.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<PhoneView>> CreateAsync(
        string businessId, PhoneNumberInput input, Func<PhoneNumber, CancellationToken, Task>? beforeReady, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is not { } business)
        {
            return BusinessService.NotFound(businessId);
        }
        var valid = PhoneNumberRules.Validate(input, business.Item.CompanyProfile?.DefaultCountry, existingNumber: null);
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var now = time.GetUtcNow();
        var phone = new PhoneNumber
        {
            Id = Guid.NewGuid().ToString(),
            BusinessId = businessId,
            Number = valid.Value.Number,
            DisplayName = valid.Value.DisplayName,
            Address = valid.Value.Address,
            Timezone = valid.Value.Timezone,
            IsActive = valid.Value.IsActive ?? true,
            Labels = valid.Value.Labels ?? [],
            State = PhoneState.Pending,
            Ttl = options.Value.PendingPhoneTtlSeconds,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        var pending = (await store.CreatePendingAsync(phone, ct)).Stored
            ?? throw new InvalidOperationException($"A new phone id {phone.Id} collided with an existing one.");

        var slot = await slots.TakeAsync(businessId, ct);
        if (!slot.IsOk)
        {
            await store.DeleteAsync(phone, pending.ETag, ct);
            return slot.Problem;
        }
        var reservation = await ReserveAsync(phone, ct);
        if (!reservation.IsOk)
        {
            await store.DeleteAsync(phone, pending.ETag, ct);
            await slots.ReleaseAsync(businessId, ct);
            return reservation.Problem;
        }

        Write<PhoneNumber> ready;
        try
        {
            if (beforeReady is not null)
            {
                await beforeReady(phone, ct);
            }
            var made = phone with { State = PhoneState.Ready, Ttl = null };
            ready = await store.ReplaceAsync(made, pending.ETag, await revisions.ForAsync(PhoneNumberStore.Draft(phone, made), ct), ct);
        }
        catch (Exception e) when (e is CosmosException or HttpRequestException)
        {
            await AbandonAsync(pending, reservation.Value);
            throw;
        }
        if (!ready.Done)
        {
            // This create was slower than the lease and another one took the number over.
            await slots.ReleaseAsync(businessId, ct);
            return Taken(phone.Number, holder: null, businessId);
        }
        var isPrimary = await ClaimPrimaryAsync(businessId, phone.Id, valid.Value.IsPrimary == true, ct);
        return new PhoneView(ready.Stored!.Item, ready.Stored.ETag, isPrimary);
    }

    private async Task<Result<Stored<PhoneNumberIndexEntry>>> ReserveAsync(PhoneNumber phone, CancellationToken ct)
    {
        var entry = new PhoneNumberIndexEntry
        {
            Id = phone.Number,
            BusinessId = phone.BusinessId,
            PhoneId = phone.Id,
            ReservedAt = time.GetUtcNow(),
        };
        Stored<PhoneNumberIndexEntry>? holder = null;
        for (var attempt = 0; attempt < MaxReservationAttempts; attempt++)
        {
            var created = await store.CreateIndexAsync(entry, ct);
            if (created.Done)
            {
                return created.Stored!;
            }
            holder = await store.GetIndexAsync(phone.Number, ct);
            if (holder is not null && !await TryReclaimAsync(holder, ct))
            {
                break;
            }
        }
        return Taken(phone.Number, holder?.Item, phone.BusinessId);
    }

    /// <summary>Releases a reservation whose create never finished. False when the number is really in use.</summary>
    private async Task<bool> TryReclaimAsync(Stored<PhoneNumberIndexEntry> holder, CancellationToken ct)
    {
        if (time.GetUtcNow() - holder.Item.ReservedAt < options.Value.ReservationLease)
        {
            return false;
        }
        var phone = await store.GetAsync(holder.Item.BusinessId, holder.Item.PhoneId, ct);
        if (phone is { Item.State: PhoneState.Ready })
        {
            return false;
        }
        // Delete the unfinished phone first, conditionally: once it is gone its create can no longer make it ready.
        if (phone is not null && await store.DeleteAsync(phone.Item, phone.ETag, ct) == WriteStatus.Stale)
        {
            return false;
        }
        LogReclaimed(logger, holder.Item.Id, holder.Item.BusinessId, holder.Item.PhoneId);
        return await store.DeleteIndexAsync(holder.Item.Id, holder.ETag, ct) is WriteStatus.Done or WriteStatus.Missing;
    }

    /// <summary>Best effort undo after a failed activation; when it fails too, the lease frees the number later.</summary>
    private async Task AbandonAsync(Stored<PhoneNumber> pending, Stored<PhoneNumberIndexEntry> reservation)
    {
        try
        {
            if (await store.DeleteAsync(pending.Item, pending.ETag, CancellationToken.None) == WriteStatus.Done)
            {
                await store.DeleteIndexAsync(reservation.Item.Id, reservation.ETag, CancellationToken.None);
                await slots.ReleaseAsync(pending.Item.BusinessId, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is CosmosException or HttpRequestException)
        {
            LogAbandonFailed(logger, e, reservation.Item.Id, options.Value.ReservationLease);
        }
    }

    /// <summary>Names the phone primary when asked to, or when the business has no primary yet.</summary>
    private async Task<bool> ClaimPrimaryAsync(string businessId, string phoneId, bool requested, CancellationToken ct)
    {
        var updated = await businesses.UpdateAsync(businessId, async (business, token) =>
        {
            var primary = requested ? phoneId : await phones.ResolvePrimaryAsync(business, token);
            return primary == business.PrimaryPhoneId ? null : business with { PrimaryPhoneId = primary };
        }, ct);
        return updated?.Item.PrimaryPhoneId == phoneId;
    }

    private static Problem Taken(string number, PhoneNumberIndexEntry? holder, string businessId) => new(
        ProblemTypes.PhoneNumberTaken, 409, "Phone number already in use",
        holder?.BusinessId == businessId
            ? $"{number} is already phone '{holder.PhoneId}' of this business."
            : $"{number} is already in use.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reclaimed the unfinished reservation of {Number} by business {BusinessId}, phone {PhoneId}")]
    private static partial void LogReclaimed(ILogger logger, string number, string businessId, string phoneId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not undo the failed create of {Number}; its reservation frees itself after {Lease}")]
    private static partial void LogAbandonFailed(ILogger logger, Exception exception, string number, TimeSpan lease);
}
