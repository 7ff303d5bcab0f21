using System.Text.Json.Nodes;

namespace MultiPhone.History;

/// <summary>The rules of undoing one change, on content alone.</summary>
public static class RestoreRules
{
    /// <summary>The fields <paramref name="revision"/> changed that a later revision changed again (a path, or one inside or around it).</summary>
    public static List<string> Conflicts(Revision revision, IEnumerable<Revision> later)
    {
        var touched = later.SelectMany(r => r.Changes.Select(c => c.Path)).ToList();
        return revision.Changes
            .Select(c => c.Path)
            .Where(path => touched.Any(other => Overlaps(path, other)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// <paramref name="current"/> with every field <paramref name="revision"/> changed set back to its value before;
    /// null when that leaves nothing of a content that did not exist before the revision.
    /// </summary>
    public static JsonObject? Undo(Revision revision, JsonObject? current)
    {
        var content = current?.DeepClone().AsObject();
        foreach (var change in revision.Changes)
        {
            content = FieldDiff.With(content, change.Path, change.Before);
        }
        return revision.Before is null && (content is null || content.Count == 0) ? null : content;
    }

    /// <summary>Whether two field paths touch: the same, or one inside the other.</summary>
    public static bool Overlaps(string path, string other) =>
        path == other || other.StartsWith(path + ".", StringComparison.Ordinal) || path.StartsWith(other + ".", StringComparison.Ordinal);
}
