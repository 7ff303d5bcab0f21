namespace MultiPhone.Realtime;

/// <summary>
/// Told of every change of its containers on every instance, not only on the one whose lease routes it: what an
/// instance keeps in memory from those documents (the agent-configuration cache).
/// </summary>
public interface IChangeObserver
{
    IReadOnlyList<string> Containers { get; }

    void Apply(ChangedDocument change);
}
