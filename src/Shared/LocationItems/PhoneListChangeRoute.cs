using MultiPhone.Realtime;

namespace MultiPhone.LocationItems;

/// <summary>A phone's list changed (who works there, which services it switches off): its settings channel.</summary>
internal sealed class PhoneListChangeRoute<TList>(string container, string section) : IChangeRoute
    where TList : PhoneList
{
    public string Container => container;

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var list = change.As<TList>();
        return Task.FromResult<IReadOnlyList<ChangeMessage>>(
            [ChangeMessage.About(change, Channel.PhoneSettings(list.Id), "phone.settings.changed", list.Id, section, list.Version)]);
    }
}
