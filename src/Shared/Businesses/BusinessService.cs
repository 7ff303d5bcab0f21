using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.Businesses;

public sealed class BusinessService(BusinessStore store, IHistoryRetention retention, TimeProvider time)
{
    public async Task<Result<Business>> GetAsync(string businessId, CancellationToken ct) =>
        await store.GetAsync(businessId, ct) is { } business ? business.Item : NotFound(businessId);

    /// <summary>Creates the business when it does not exist, otherwise replaces its details under If-Match.</summary>
    public async Task<Result<(Business Business, bool Created)>> PutAsync(
        string businessId, BusinessInput input, string? ifMatch, CancellationToken ct)
    {
        // Ids are chosen by the caller; the API's edge refuses others, and so does this for callers inside the app.
        if (!Ids.IsValid(businessId))
        {
            return Problem.Validation("businessId", Ids.Rule);
        }
        var valid = BusinessRules.Validate(input);
        if (!valid.IsOk)
        {
            return valid.Problem;
        }
        var (name, profile, retentionDays) = valid.Value;
        while (true)
        {
            var now = time.GetUtcNow();
            var existing = await store.GetAsync(businessId, ct);
            if (existing is null)
            {
                var created = await store.CreateAsync(new Business
                {
                    Id = businessId,
                    BusinessId = businessId,
                    Name = name,
                    CompanyProfile = profile,
                    HistoryRetentionDays = retentionDays,
                    Version = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                }, ct);
                return created.Done
                    ? (created.Stored!.Item, true)
                    : Problem.PreconditionFailed("The business was created by another request at the same time; read it and retry.");
            }
            if (ifMatch is null)
            {
                return Problem.PreconditionRequired();
            }
            if (!ETags.Matches(ifMatch, existing.Item.ETag))
            {
                return Problem.PreconditionFailed("The business changed since you read it; read it again and reapply your change.");
            }
            var changed = existing.Item with
            {
                Name = name, CompanyProfile = profile, HistoryRetentionDays = retentionDays, Version = existing.Item.Version + 1, UpdatedAt = now,
            };
            var replaced = await store.ReplaceAsync(changed, existing.Item, existing.ETag, ct);
            if (replaced.Done)
            {
                retention.Changed(businessId);
                return (changed, false);
            }
            // Another write (perhaps only a primary-phone change) came in between: check the If-Match against it.
        }
    }

    public static Problem NotFound(string businessId) => Problem.NotFound($"Business '{businessId}' was not found.");
}
