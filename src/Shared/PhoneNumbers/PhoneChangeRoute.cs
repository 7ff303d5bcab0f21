using MultiPhone.Realtime;

namespace MultiPhone.PhoneNumbers;

/// <summary>
/// A ready phone was added, changed or removed: the business channel, and the removal on each of the phone's own
/// channels. (What its time zone changes is the settings' route of phones.)
/// </summary>
internal sealed class PhoneChangeRoute : IChangeRoute
{
    public string Container => PhoneNumberStore.PhonesDefinition.Name;

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ChangeMessage>>(Route(change));

    private static List<ChangeMessage> Route(ChangedDocument change)
    {
        var phone = change.As<PhoneNumber>();
        if (phone.State != PhoneState.Ready)
        {
            return [];
        }
        if (change.IsRemoved)
        {
            var version = phone.Version + 1;
            return
            [
                ChangeMessage.About(change, Channel.Business(phone.BusinessId), "phone.removed", phone.Id, "phone", version),
                ChangeMessage.About(change, Channel.PhoneSettings(phone.Id), "phone.removed", phone.Id, "phone", version),
                ChangeMessage.About(change, Channel.PhoneVoice(phone.Id), "phone.removed", phone.Id, "phone", version),
                ChangeMessage.About(change, Channel.PhoneHours(phone.Id), "phone.removed", phone.Id, "phone", version),
            ];
        }
        var added = phone.CreatedAt == phone.UpdatedAt;
        return [ChangeMessage.About(change, Channel.Business(phone.BusinessId), added ? "phone.added" : "phone.updated", phone.Id, "phone", phone.Version)];
    }
}

/// <summary>The ready phones of a business, as the change routes that fan a change out to them read them.</summary>
internal interface IReadyPhones
{
    Task<IReadOnlyList<PhoneNumber>> ReadyPhonesAsync(string businessId, CancellationToken ct);

    /// <summary>One phone, when it is ready.</summary>
    Task<PhoneNumber?> ReadyPhoneAsync(string businessId, string phoneId, CancellationToken ct);
}

internal static class ReadyPhonesReads
{
    /// <summary>The business's ready phones, read once per batch of the feed whichever route asks.</summary>
    public static Task<IReadOnlyList<PhoneNumber>> ReadyPhonesAsync(this ChangeReads reads, IReadyPhones phones, string businessId, CancellationToken ct) =>
        reads.OnceAsync(AllReady, businessId, () => phones.ReadyPhonesAsync(businessId, ct));

    private const string AllReady = "readyPhones";

    /// <summary>
    /// One ready phone, read once per batch: what a change of that phone alone needs (a point read, not the business's
    /// phones), or taken from the business's ready phones when the batch has read them already.
    /// </summary>
    public static async Task<PhoneNumber?> ReadyPhoneAsync(this ChangeReads reads, IReadyPhones phones, string businessId, string phoneId, CancellationToken ct) =>
        reads.Made<IReadOnlyList<PhoneNumber>>(AllReady, businessId) is { } all
            ? (await all).FirstOrDefault(p => p.Id == phoneId)
            : await reads.OnceAsync($"readyPhone:{phoneId}", businessId, () => phones.ReadyPhoneAsync(businessId, phoneId, ct));
}

internal sealed class CosmosReadyPhones(PhoneNumberStore phones) : IReadyPhones
{
    public async Task<IReadOnlyList<PhoneNumber>> ReadyPhonesAsync(string businessId, CancellationToken ct) =>
        [.. (await phones.ListAsync(businessId, ct)).Select(p => p.Item).Where(p => p.State == PhoneState.Ready)];

    public async Task<PhoneNumber?> ReadyPhoneAsync(string businessId, string phoneId, CancellationToken ct) =>
        (await phones.GetAsync(businessId, phoneId, ct))?.Item is { State: PhoneState.Ready } phone ? phone : null;
}
