using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;

namespace MultiPhone.Services;

/// <summary>
/// A service changed: a phone's own on its settings channel; a business-wide one on the business channel and the
/// settings channel of every phone.
/// </summary>
internal sealed class ServiceChangeRoute(IReadyPhones phones) : IChangeRoute
{
    public string Container => ServiceStore.ServicesDefinition.Name;

    public async Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var service = change.As<Service>();
        var version = service.Version + (change.IsRemoved ? 1 : 0);
        if (service.PhoneId is { } own)
        {
            return [ChangeMessage.About(change, Channel.PhoneSettings(own), "phone.settings.changed", own, "services", version, service.Id, ChangeMessage.Removed(change))];
        }
        var messages = new List<ChangeMessage>
        {
            ChangeMessage.About(change, Channel.Business(service.BusinessId), "services.changed", null, "services", version, service.Id, ChangeMessage.Removed(change)),
        };
        foreach (var phone in await reads.ReadyPhonesAsync(phones, service.BusinessId, ct))
        {
            messages.Add(ChangeMessage.About(change, Channel.PhoneSettings(phone.Id), "phone.settings.changed", phone.Id, "services", version, service.Id, ChangeMessage.Removed(change)));
        }
        return messages;
    }
}
