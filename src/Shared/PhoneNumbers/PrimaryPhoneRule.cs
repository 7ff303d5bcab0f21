namespace MultiPhone.PhoneNumbers;

/// <summary>
/// Which phone is the primary. The business document names it; when that name is missing or points at a phone that
/// no longer exists (a create or delete was interrupted between its writes), the oldest phone is the primary.
/// So a business with at least one phone always has exactly one primary, whatever was interrupted.
/// </summary>
internal static class PrimaryPhoneRule
{
    public static string? Resolve(string? namedPrimaryId, IEnumerable<PhoneNumber> readyPhones)
    {
        string? oldest = null;
        var oldestAt = DateTimeOffset.MaxValue;
        foreach (var phone in readyPhones)
        {
            if (phone.Id == namedPrimaryId)
            {
                return phone.Id;
            }
            if (oldest is null || phone.CreatedAt < oldestAt || (phone.CreatedAt == oldestAt && string.CompareOrdinal(phone.Id, oldest) < 0))
            {
                oldest = phone.Id;
                oldestAt = phone.CreatedAt;
            }
        }
        return oldest;
    }
}
