using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using MultiPhone.Businesses;
using MultiPhone.Common;
using MultiPhone.Cosmos;

namespace MultiPhone.Staff;

/// <summary>Lists, creates, reads, changes and deletes a business's staff members.</summary>
public sealed partial class StaffService(BusinessStore businesses, StaffStore store, TimeProvider time, ILogger<StaffService> logger)
{
    /// <summary>The business's staff, by name then id.</summary>
    public async Task<Result<IReadOnlyList<StaffMember>>> ListAsync(string businessId, bool? active, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is null)
        {
            return BusinessService.NotFound(businessId);
        }
        return (await store.ListAsync(businessId, ct))
            .Select(s => s.Item)
            .Where(member => active is null || member.Active == active)
            .OrderBy(member => member.Name, StringComparer.InvariantCultureIgnoreCase)
            .ThenBy(member => member.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<Result<StaffMember>> GetAsync(string businessId, string staffId, CancellationToken ct) =>
        await store.GetAsync(businessId, staffId, ct) is { } member ? member.Item : NotFound(staffId);

    public async Task<Result<StaffMember>> CreateAsync(string businessId, StaffInput input, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is not { } business)
        {
            return BusinessService.NotFound(businessId);
        }
        var valid = StaffRules.Validate(input, business.Item.CompanyProfile?.DefaultCountry);
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var now = time.GetUtcNow();
        var member = new StaffMember
        {
            Id = Guid.NewGuid().ToString(),
            BusinessId = businessId,
            Name = valid.Value.Name,
            Email = valid.Value.Email,
            Phone = valid.Value.Phone,
            Active = valid.Value.Active ?? true,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var created = await store.CreateAsync(member, ct);
        return created.Stored?.Item ?? throw new InvalidOperationException($"A new staff id {member.Id} collided with an existing one.");
    }

    /// <summary>Replaces the member's details under If-Match; <c>active</c> keeps its value when omitted.</summary>
    public async Task<Result<StaffMember>> UpdateAsync(string businessId, string staffId, StaffInput input, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, staffId, ifMatch, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var current = found.Value;
        if (await businesses.GetAsync(businessId, ct) is not { } business)
        {
            return BusinessService.NotFound(businessId);
        }
        var valid = StaffRules.Validate(input, business.Item.CompanyProfile?.DefaultCountry);
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var updated = current.Item with
        {
            Name = valid.Value.Name,
            Email = valid.Value.Email,
            Phone = valid.Value.Phone,
            Active = valid.Value.Active ?? current.Item.Active,
            Version = current.Item.Version + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        var replaced = await store.ReplaceAsync(updated, current.ETag, ct);
        return replaced.Status switch
        {
            WriteStatus.Done => updated,
            WriteStatus.Missing => NotFound(staffId),
            _ => Stale(),
        };
    }

    /// <summary>
    /// Deletes the member under If-Match, then takes them off every phone. The member goes first so that an interrupted
    /// cleanup leaves only entries that name nobody, which every read of assignments ignores; so a failed cleanup does
    /// not fail the delete, which has happened and which a retry would answer with 404.
    /// </summary>
    public async Task<Result<bool>> DeleteAsync(string businessId, string staffId, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, staffId, ifMatch, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        switch (await store.RemoveAsync(found.Value.Item, found.Value.ETag, time.GetUtcNow(), ct))
        {
            case WriteStatus.Missing:
                return NotFound(staffId);
            case WriteStatus.Stale:
                return Stale();
        }
        try
        {
            // The member is gone whether or not the caller is still listening; finish the cleanup regardless.
            await RemoveFromAssignmentsAsync(businessId, staffId, CancellationToken.None);
        }
        catch (Exception e) when (e is CosmosException or HttpRequestException)
        {
            LogCleanupFailed(logger, e, businessId, staffId);
        }
        return true;
    }

    private async Task RemoveFromAssignmentsAsync(string businessId, string staffId, CancellationToken ct)
    {
        foreach (var listed in await store.ListAssignmentsAsync(businessId, ct))
        {
            var current = listed;
            while (current?.Item.Assignments.Any(a => a.StaffId == staffId) == true)
            {
                var without = current.Item with
                {
                    Assignments = current.Item.Assignments.Where(a => a.StaffId != staffId).ToList(),
                    Version = current.Item.Version + 1,
                    UpdatedAt = time.GetUtcNow(),
                };
                if ((await store.ReplaceAssignmentsAsync(without, current.ETag, ct)).Done)
                {
                    break;
                }
                // Someone replaced the list in between: take the member off their version.
                current = await store.GetAssignmentsAsync(businessId, current.Item.Id, ct);
            }
        }
    }

    private async Task<Result<Stored<StaffMember>>> FindCurrentAsync(string businessId, string staffId, string ifMatch, CancellationToken ct)
    {
        if (await store.GetAsync(businessId, staffId, ct) is not { } member)
        {
            return NotFound(staffId);
        }
        return ETags.Matches(ifMatch, member.Item.ETag) ? member : Stale();
    }

    private static Problem NotFound(string staffId) => Problem.NotFound($"Staff member '{staffId}' was not found in this business.");

    private static Problem Stale() =>
        Problem.PreconditionFailed("The staff member changed since you read them; read again and reapply your change.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted staff member {StaffId} of business {BusinessId} but could not take them off every phone; reads ignore the leftovers")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string businessId, string staffId);
}
