using System.Collections.Concurrent;

namespace MultiPhone.Realtime;

/// <summary>
/// The versions this instance last sent on each channel, per message type, phone, item and sections. Routes read
/// the state a change affects once per batch of the feed, so the message of one change may already carry a later
/// change's version, and that later change's own message would announce the same state again (or, read before
/// it, an older one after a newer). A message none of whose versions is above what was sent is therefore dropped,
/// as docs/realtime.md tells clients to ignore it. Remembered only once sent, so a failed send is still retried with
/// its batch. Bounded: forgetting only lets a repeat through, which the at-least-once contract allows.
/// </summary>
internal sealed class SentVersions
{
    internal const int MaxRemembered = 100_000;
    internal const int CountEvery = 1_000;
    private readonly ConcurrentDictionary<(Key Message, string Name), long> _sent = new();
    private int _updates;

    public bool IsNew(ChangeMessage message)
    {
        var key = Key.Of(message);
        return message.Versions.Count == 0
            || message.Versions.Any(v => !_sent.TryGetValue((key, v.Key), out var sent) || v.Value > sent);
    }

    public void Sent(ChangeMessage message)
    {
        // Count takes every lock of the dictionary: looked at once per CountEvery sends, not on each (a migration sends thousands a second).
        if (Interlocked.Increment(ref _updates) % CountEvery == 0 && _sent.Count >= MaxRemembered)
        {
            _sent.Clear();
        }
        var key = Key.Of(message);
        foreach (var (name, version) in message.Versions)
        {
            _sent.AddOrUpdate((key, name), version, (_, before) => Math.Max(before, version));
        }
    }

    private readonly record struct Key(string Channel, string Type, string? PhoneId, string? ItemId, string Sections)
    {
        public static Key Of(ChangeMessage m) => new(m.Channel, m.Type, m.PhoneId, m.ItemId, string.Join(',', m.Sections));
    }
}
