using MultiPhone.Realtime;

namespace MultiPhone.ScheduledChanges;

/// <summary>
/// A scheduled change was created, rescheduled, cancelled or (partly) applied: <c>scheduled.changed</c> on the business
/// channel with the change, so every console's Upcoming list follows. What it changed goes out as the usual section messages.
/// </summary>
internal sealed class ScheduledChangeRoute : IChangeRoute
{
    public const string MessageType = "scheduled.changed";

    public string Container => ScheduledChangeStore.Definition.Name;

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        var scheduled = change.As<ScheduledChange>();
        IReadOnlyList<ChangeMessage> messages =
        [
            // The log sequence number grows with every write in the business's partition, so it orders these messages.
            ChangeMessage.About(change, Channel.Business(scheduled.BusinessId), MessageType, scheduled.PhoneId, "scheduled",
                change.Lsn, itemId: scheduled.Id, data: ChangeMessage.Json(scheduled)),
        ];
        return Task.FromResult(messages);
    }
}
