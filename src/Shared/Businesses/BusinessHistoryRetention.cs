using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.Businesses;

/// <summary>
/// The business's history retention, as the TTL of each revision written. Remembered a minute per business, so a
/// write does not read the business again. A changed retention applies at once on the instance that changed it, within
/// a minute on the others, to revisions written from then on.
/// </summary>
internal sealed class BusinessHistoryRetention(Database database, TimeProvider time) : IHistoryRetention
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    private const int MaxRemembered = 100_000;

    private readonly Container _businesses = database.GetContainer(BusinessStore.Definition.Name);
    private readonly ConcurrentDictionary<string, (int Days, DateTimeOffset ReadAt)> _days = new(StringComparer.Ordinal);

    public async Task<int> DaysAsync(string businessId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_days.TryGetValue(businessId, out var known) && now - known.ReadAt < Remembered)
        {
            return known.Days;
        }
        if (await _businesses.ReadAsync<Business>(businessId, new PartitionKey(businessId), ct) is not { } business)
        {
            // Being created: its own revision names its retention (RevisionDraft.RetentionDays); nothing to remember yet.
            return Business.DefaultHistoryRetentionDays;
        }
        var days = business.Item.HistoryRetentionDays ?? Business.DefaultHistoryRetentionDays;
        if (_days.Count >= MaxRemembered)
        {
            _days.Clear();
        }
        _days[businessId] = (days, now);
        return days;
    }

    public void Changed(string businessId) => _days.TryRemove(businessId, out _);
}
