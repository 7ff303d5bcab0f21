using System.Security.Cryptography;

namespace MultiPhone.History;

/// <summary>
/// Issues revision ids: <c>rev-{ticks}-{random}-{container}</c>. The ticks come first, fixed width, so ordering by id is
/// ordering by time (history pages are queries ordered by id); the container last, so a revision id alone says where
/// to read it.
/// </summary>
public class RevisionIds
{
    public virtual string Next(DateTimeOffset at, string container) =>
        $"{Revision.IdPrefix}{at.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}-{container}";

    /// <summary>The smallest id of a revision made at or after <paramref name="at"/> (bounds of since/until filters).</summary>
    public static string Bound(DateTimeOffset at) => $"{Revision.IdPrefix}{at.UtcTicks:D19}";
}
