namespace MultiPhone.PhoneNumbers;

/// <summary>
/// Data another feature keeps under a phone (its settings, staff list, services). Phone ids are never reused, so once
/// the phone is deleted nothing can reach that data again: it is removed right after the phone, best effort.
/// </summary>
public interface IPhoneScopedData
{
    Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct);
}
