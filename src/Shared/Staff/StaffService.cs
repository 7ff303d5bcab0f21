using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.LocationItems;

namespace MultiPhone.Staff;

/// <summary>Lists, creates, reads, changes and deletes a business's staff members.</summary>
public sealed partial class StaffService(BusinessStore businesses, StaffStore store, TimeProvider time, ILogger<StaffService> logger)
    : ItemCatalog<StaffMember>(businesses, store.Items, time)
{
    protected override StaffMember Blank { get; } = new()
    {
        Id = "", BusinessId = "", Name = "", Active = true, Version = 0, CreatedAt = default, UpdatedAt = default,
    };

    /// <summary>The business's staff, by name then id.</summary>
    public async Task<Result<IReadOnlyList<StaffMember>>> ListAsync(string businessId, bool? active, CancellationToken ct)
    {
        var staff = await ListAsync(businessId, condition: null, ct);
        return staff.IsOk ? staff.Value.Where(member => active is null || member.Active == active).ToList() : staff.Problem;
    }

    public async Task<Result<StaffMember>> GetAsync(string businessId, string staffId, CancellationToken ct) =>
        await store.Items.GetAsync(businessId, staffId, ct) is { } member ? member.Item : NotFound(staffId);

    public async Task<Result<StaffMember>> CreateAsync(string businessId, StaffInput input, CancellationToken ct)
    {
        var valid = await ValidateAsync(businessId, input, ct);
        return valid.IsOk ? await CreateAsync(businessId, valid.Value.ApplyTo, ct) : valid.Problem;
    }

    /// <summary>Replaces the member's details under If-Match; <c>active</c> keeps its value when omitted.</summary>
    public async Task<Result<StaffMember>> UpdateAsync(string businessId, string staffId, StaffInput input, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, staffId, ifMatch, ct);
        if (!found.IsOk)
        {
            return found.Problem;
        }
        var valid = await ValidateAsync(businessId, input, ct);
        return valid.IsOk ? await ReplaceAsync(found.Value, valid.Value.ApplyTo, ct) : valid.Problem;
    }

    /// <summary>
    /// Deletes the member under If-Match, then takes them off every phone. The member goes first so that an interrupted
    /// cleanup leaves only entries that name nobody, which every read of assignments ignores; so a failed cleanup does
    /// not fail the delete, which has happened and which a retry would answer with 404.
    /// </summary>
    public async Task<Result<bool>> DeleteAsync(string businessId, string staffId, string ifMatch, CancellationToken ct)
    {
        var found = await FindCurrentAsync(businessId, staffId, ifMatch, ct);
        var removed = found.IsOk ? await RemoveAsync(found.Value, ct) : found.Problem;
        if (!removed.IsOk)
        {
            return removed.Problem;
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

    /// <summary>A staff input checked, its phone read with the business's default country.</summary>
    private async Task<Result<ValidStaffInput>> ValidateAsync(string businessId, StaffInput input, CancellationToken ct)
    {
        var business = await FindBusinessAsync(businessId, ct);
        return business.IsOk ? StaffRules.Validate(input, business.Value.Item.CompanyProfile?.DefaultCountry) : business.Problem;
    }

    private async Task RemoveFromAssignmentsAsync(string businessId, string staffId, CancellationToken ct)
    {
        foreach (var listed in await store.Lists.ListAsync(businessId, ct))
        {
            var current = listed;
            while (current?.Item.Assignments.Any(a => a.StaffId == staffId) == true)
            {
                var without = current.Item with
                {
                    Assignments = current.Item.Assignments.Where(a => a.StaffId != staffId).ToList(),
                    Version = current.Item.Version + 1,
                    UpdatedAt = Time.GetUtcNow(),
                };
                if ((await store.Lists.WriteAsync(without, current, ct)).Done)
                {
                    break;
                }
                // Someone replaced the list in between: take the member off their version.
                current = await store.Lists.GetAsync(businessId, current.Item.Id, ct);
            }
        }
    }

    private async Task<Result<Stored<StaffMember>>> FindCurrentAsync(string businessId, string staffId, string ifMatch, CancellationToken ct) =>
        Current(await store.Items.GetAsync(businessId, staffId, ct), staffId, ifMatch);

    protected override Problem NotFound(string itemId) => Problem.NotFound($"Staff member '{itemId}' was not found in this business.");

    protected override Problem Stale() =>
        Problem.PreconditionFailed("The staff member changed since you read them; read again and reapply your change.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted staff member {StaffId} of business {BusinessId} but could not take them off every phone; reads ignore the leftovers")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string businessId, string staffId);
}
