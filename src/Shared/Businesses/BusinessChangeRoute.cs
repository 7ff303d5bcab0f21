using MultiPhone.Realtime;

namespace MultiPhone.Businesses;

/// <summary>A business changed: <c>business.updated</c>, and <c>phone.primaryChanged</c> when its primary phone did.</summary>
internal sealed class BusinessChangeRoute : IChangeRoute
{
    private readonly RouteMemory<(long Version, string? Primary)> _businesses = new();

    public string Container => BusinessStore.Definition.Name;

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var business = change.As<Business>();
        var messages = new List<ChangeMessage>();
        var known = _businesses.TryGet(business.Id, out var seen);
        if (!known || business.Version > seen.Version)
        {
            messages.Add(ChangeMessage.About(change, Channel.Business(business.Id), "business.updated", null, "business", business.Version));
        }
        if (!known || business.PrimaryPhoneId != seen.Primary)
        {
            messages.Add(ChangeMessage.About(change, Channel.Business(business.Id), "phone.primaryChanged", business.PrimaryPhoneId, "primary", change.Lsn));
        }
        _businesses.Remember(business.Id, (business.Version, business.PrimaryPhoneId));
        return Task.FromResult<IReadOnlyList<ChangeMessage>>(messages);
    }
}
