using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;

namespace MultiPhone.History;

/// <param name="PhoneId">Only revisions shown in this phone's history (its own, and defaults that reached it).</param>
/// <param name="Section">Only revisions of this settings section.</param>
/// <param name="Actor">Only revisions by this subject or run id.</param>
/// <param name="Since">Only revisions made at or after this time.</param>
/// <param name="Until">Only revisions made at or before this time.</param>
/// <param name="Target">Only revisions of this kind of target (e.g. the business defaults' sections).</param>
public sealed record HistoryFilter(
    string? PhoneId = null, string? Section = null, string? Actor = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, TargetKind? Target = null);

/// <summary>
/// Reads revisions where they are stored: beside the documents they record, in every container that keeps history,
/// in the business's partition. A page is one query per container (newest first by id, which starts with the time)
/// merged; its continuation is the id of the last revision given.
/// </summary>
public sealed class HistoryStore(Database database, IEnumerable<ContainerDefinition> definitions)
{
    private readonly Dictionary<string, Container> _containers = definitions
        .Where(d => d.KeepsHistory)
        .DistinctBy(d => d.Name)
        .ToDictionary(d => d.Name, d => database.GetContainer(d.Name), StringComparer.Ordinal);

    public IEnumerable<string> Containers => _containers.Keys;

    /// <summary>The revision, or null when this business has none with that id.</summary>
    public async Task<Revision?> GetAsync(string businessId, string revisionId, CancellationToken ct) =>
        Revision.ContainerOf(revisionId) is { } name && _containers.TryGetValue(name, out var container)
            ? (await container.ReadAsync<Revision>(revisionId, new PartitionKey(businessId), ct))?.Item
            : null;

    /// <summary>Up to <paramref name="pageSize"/> revisions older than <paramref name="before"/> (a revision id; null: the newest), newest first.</summary>
    public async Task<(List<Revision> Items, string? Next)> PageAsync(
        string businessId, HistoryFilter filter, int pageSize, string? before, CancellationToken ct)
    {
        var query = Query(filter, pageSize + 1, before);
        var pages = await Task.WhenAll(_containers.Values.Select(container =>
            container.QueryPartitionAsync<Revision>(query, new PartitionKey(businessId), ct)));
        var merged = pages.SelectMany(page => page.Select(stored => stored.Item)).OrderByDescending(r => r.Id, StringComparer.Ordinal).ToList();
        var items = merged.Take(pageSize).ToList();
        return (items, merged.Count > pageSize ? items[^1].Id : null);
    }

    /// <summary>The revisions of the same document made after <paramref name="revision"/>, oldest first.</summary>
    public async Task<List<Revision>> LaterAsync(Revision revision, CancellationToken ct)
    {
        var container = _containers[Revision.ContainerOf(revision.Id)!];
        var later = await container.QueryPartitionAsync<Revision>(
            new QueryDefinition("SELECT * FROM c WHERE c.revisionOf = @document AND c.id > @id ORDER BY c.id")
                .WithParameter("@document", revision.RevisionOf)
                .WithParameter("@id", revision.Id),
            new PartitionKey(revision.BusinessId), ct);
        return [.. later.Select(stored => stored.Item)];
    }

    /// <summary>The revisions of one document in <paramref name="container"/> made at or after <paramref name="since"/>, oldest first.</summary>
    public async Task<List<Revision>> SinceAsync(string businessId, string container, string documentId, DateTimeOffset since, CancellationToken ct)
    {
        var revisions = await _containers[container].QueryPartitionAsync<Revision>(
            new QueryDefinition("SELECT * FROM c WHERE c.revisionOf = @document AND c.id >= @since ORDER BY c.id")
                .WithParameter("@document", documentId)
                .WithParameter("@since", RevisionIds.Bound(since)),
            new PartitionKey(businessId), ct);
        return [.. revisions.Select(stored => stored.Item)];
    }

    /// <summary>
    /// The revisions of <paramref name="documentIds"/> in <paramref name="container"/> from the revision id (or time
    /// bound) <paramref name="from"/> on, oldest first; only those by one actor (a bulk edit), when given.
    /// </summary>
    public async Task<List<Revision>> OfDocumentsAsync(
        string businessId, string container, IReadOnlyCollection<string> documentIds, string from, CancellationToken ct, string? actorId = null)
    {
        var query = new QueryDefinition(
                $"SELECT * FROM c WHERE ARRAY_CONTAINS(@documents, c.revisionOf) AND c.id >= @from{(actorId is null ? "" : " AND c.actor.id = @actor")} ORDER BY c.id")
            .WithParameter("@documents", documentIds)
            .WithParameter("@from", from);
        var revisions = await _containers[container].QueryPartitionAsync<Revision>(actorId is null ? query : query.WithParameter("@actor", actorId), new PartitionKey(businessId), ct);
        return [.. revisions.Select(stored => stored.Item)];
    }

    /// <summary>
    /// Deletes the business's revisions beyond the <paramref name="keep"/> newest, oldest first (at most 100 at a time:
    /// a business far over its cap comes down over several checks). Counts first, so a business within its cap, which
    /// is nearly every check, costs a count per container instead of reading the ids of all its revisions.
    /// </summary>
    public async Task<int> TrimAsync(string businessId, int keep, CancellationToken ct)
    {
        const int PerCheck = 100;
        var partition = new PartitionKey(businessId);
        var count = new QueryDefinition($"SELECT VALUE COUNT(1) FROM c WHERE IS_DEFINED(c.{ContainerExtensions.RevisionOfProperty})");
        var counts = await Task.WhenAll(_containers.Values.Select(container => container.CountPartitionAsync(count, partition, ct)));
        var excess = (int)Math.Min(counts.Sum() - keep, PerCheck);
        if (excess <= 0)
        {
            return 0;
        }
        var oldest = new QueryDefinition($"SELECT TOP @top c.id, c._etag FROM c WHERE IS_DEFINED(c.{ContainerExtensions.RevisionOfProperty}) ORDER BY c.id ASC")
            .WithParameter("@top", excess);
        var candidates = await Task.WhenAll(_containers.Values.Select(async container =>
            (await container.QueryPartitionAsync<RevisionId>(oldest, partition, ct)).Select(stored => (Container: container, stored.Item.Id))));
        var beyond = candidates.SelectMany(ids => ids).OrderBy(r => r.Id, StringComparer.Ordinal).Take(excess).ToList();
        foreach (var (container, id) in beyond)
        {
            await container.DeleteAsync(id, partition, ifMatch: null, ct);
        }
        return beyond.Count;
    }

    private sealed record RevisionId(string Id);

    private static QueryDefinition Query(HistoryFilter filter, int top, string? before)
    {
        var conditions = new List<string> { $"IS_DEFINED(c.{ContainerExtensions.RevisionOfProperty})" };
        var parameters = new List<(string, object)>();
        void Where(string condition, string name, object value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }
        if (before is not null)
        {
            Where("c.id < @before", "@before", before);
        }
        if (filter.Until is { } until)
        {
            Where("c.id < @until", "@until", RevisionIds.Bound(until.AddTicks(1)));
        }
        if (filter.Since is { } since)
        {
            Where("c.id >= @since", "@since", RevisionIds.Bound(since));
        }
        if (filter.PhoneId is { } phoneId)
        {
            Where("ARRAY_CONTAINS(c.phoneIds, @phoneId)", "@phoneId", phoneId);
        }
        if (filter.Section is { } section)
        {
            Where("c.target.section = @section", "@section", section);
        }
        if (filter.Target is { } target)
        {
            Where("c.target.kind = @target", "@target", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(target.ToString()));
        }
        if (filter.Actor is { } actor)
        {
            Where("c.actor.id = @actor", "@actor", actor);
        }
        var query = new QueryDefinition($"SELECT TOP @top * FROM c WHERE {string.Join(" AND ", conditions)} ORDER BY c.id DESC").WithParameter("@top", top);
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }
        return query;
    }
}
