using MultiPhone.Realtime;

namespace MultiPhone.History;

/// <summary>
/// A revision was stored: <c>history.added</c>, with the entry, on the business channel (the Activity page) and, for a
/// change of a phone's own configuration, on the phone's settings channel (its History panels), so history is live.
/// </summary>
internal sealed class HistoryChangeRoute : IChangeRoute
{
    public const string MessageType = "history.added";

    public string Container => ChangeRouter.RevisionsFeed;

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var revision = change.As<Revision>();
        var section = revision.Target.Section ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(revision.Target.Kind.ToString());
        var channels = new List<Channel> { Channel.Business(revision.BusinessId) };
        if (revision.Target.PhoneId is { } phoneId)
        {
            channels.Add(Channel.PhoneSettings(phoneId));
        }
        IReadOnlyList<ChangeMessage> messages = channels.Select(channel => new ChangeMessage
        {
            Channel = channel.ToString(),
            Type = MessageType,
            BusinessId = revision.BusinessId,
            PhoneId = revision.Target.PhoneId,
            ItemId = revision.Target.ItemId,
            Sections = [section],
            // Revision ids grow with time: their ticks order the messages as the history is ordered.
            Versions = new Dictionary<string, long> { ["history"] = revision.At.UtcTicks },
            ChangedAt = revision.At,
            ChangedBy = revision.Actor.ChangedBy,
            Data = ChangeMessage.Json(HistoryEntry.From(revision, revision.Target.PhoneId)),
        }).ToList();
        return Task.FromResult(messages);
    }
}
