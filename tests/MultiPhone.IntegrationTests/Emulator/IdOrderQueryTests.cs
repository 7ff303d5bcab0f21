using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Single-partition `SELECT TOP n ... ORDER BY c.id` queries (the history pages' shape), which the local server answers
/// by walking the partition's ids in order instead of scanning and sorting it: the answers must be those of the whole
/// partition, in order, through writes, deletes and rolled back batches, with each partition's own documents.
/// </summary>
public sealed class IdOrderQueryTests(ApiFactory api) : ItemsContainerTest(api)
{
    private const int Count = 300;

    // Filters by name, in SQL and as the expected matches. Ids are "r0" to "r299", whose order is not numeric.
    private static readonly Dictionary<string, (string Sql, Func<Doc, bool> Matches)> Filters = new()
    {
        ["few"] = ("c.section = 'rare'", d => d.Section == "rare"),
        ["many"] = ("ARRAY_CONTAINS(c.phoneIds, 'p1')", d => d.PhoneIds.Contains("p1")),
        ["below cursor"] = ("ARRAY_CONTAINS(c.phoneIds, 'p1') AND c.id < @cursor", d => d.PhoneIds.Contains("p1") && string.CompareOrdinal(d.Id, "r2") < 0),
        ["above cursor"] = ("c.id >= @cursor AND IS_DEFINED(c.revisionOf)", d => string.CompareOrdinal(d.Id, "r2") >= 0 && d.RevisionOf is not null),
        ["to cursor"] = ("c.id <= @cursor", d => string.CompareOrdinal(d.Id, "r2") <= 0),
        ["after cursor"] = ("c.id > @cursor AND c.section = 'rare'", d => string.CompareOrdinal(d.Id, "r2") > 0 && d.Section == "rare"),
        ["none"] = ("c.section = 'nowhere'", _ => false),
    };

    [Theory]
    [InlineData("ASC", 5, "few")]
    [InlineData("ASC", 50, "few")]
    [InlineData("DESC", 5, "few")]
    [InlineData("DESC", 50, "few")]
    [InlineData("ASC", 30, "many")]
    [InlineData("DESC", 30, "many")]
    [InlineData("DESC", 1000, "many")]
    [InlineData("DESC", 40, "below cursor")]
    [InlineData("ASC", 1000, "below cursor")]
    [InlineData("ASC", 40, "above cursor")]
    [InlineData("DESC", 1000, "above cursor")]
    [InlineData("DESC", 15, "to cursor")]
    [InlineData("ASC", 15, "to cursor")]
    [InlineData("DESC", 5, "after cursor")]
    [InlineData("ASC", 1000, "after cursor")]
    [InlineData("DESC", 10, "none")]
    [InlineData("ASC", 0, "many")]
    public async Task TopDocumentsInIdOrderAreThoseOfTheWholePartition(string direction, int top, string filter)
    {
        var documents = await SeedAsync("a");

        var found = await QueryIdsAsync("a", direction, top, Filters[filter].Sql);

        Assert.Equal(Expected(documents, direction, top, Filters[filter].Matches), found);
    }

    [Fact]
    public async Task APageResumedFromItsContinuationGoesOnInIdOrder()
    {
        var documents = await SeedAsync("a");
        var first = await Items.GetItemQueryIterator<Doc>(Query("a", direction: "DESC", top: 60, Filters["many"].Sql), null, Options("a")).ReadNextAsync(Ct);

        using var rest = Items.GetItemQueryIterator<Doc>(Query("a", direction: "DESC", top: 60, Filters["many"].Sql), first.ContinuationToken, Options("a"));
        var ids = first.Select(d => d.Id).ToList();
        while (rest.HasMoreResults)
        {
            ids.AddRange((await rest.ReadNextAsync(Ct)).Select(d => d.Id));
        }

        Assert.Equal(Expected(documents, "DESC", 60, Filters["many"].Matches), ids);
    }

    [Fact]
    public async Task AProjectionComesInIdOrderAsSelected()
    {
        var documents = await SeedAsync("a");
        var query = new QueryDefinition("SELECT TOP 20 c.id, c.seq FROM c WHERE c.pk = 'a' AND c.section = 'common' ORDER BY c.id DESC");

        using var iterator = Items.GetItemQueryIterator<Dictionary<string, object>>(query, null, Options("a"));
        var rows = new List<string>();
        while (iterator.HasMoreResults)
        {
            rows.AddRange((await iterator.ReadNextAsync(Ct)).Select(r => $"{string.Join(",", r.Keys.Order())}:{r["id"]}:{r["seq"]}"));
        }

        var expected = documents.Where(d => d.Section == "common").OrderByDescending(d => d.Id, StringComparer.Ordinal).Take(20)
            .Select(d => $"id,seq:{d.Id}:{d.Seq}");
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task ReplacedDeletedAndRecreatedDocumentsKeepTheirPlaceInIdOrder()
    {
        var documents = await SeedAsync("a");
        var replaced = documents.Single(d => d.Id == "r150") with { Section = "rare", Seq = 1000 };
        await Items.ReplaceItemAsync(replaced, replaced.Id, new PartitionKey("a"), cancellationToken: Ct);
        await Items.DeleteItemAsync<Doc>("r160", new PartitionKey("a"), cancellationToken: Ct);
        await Items.DeleteItemAsync<Doc>("r20", new PartitionKey("a"), cancellationToken: Ct);
        var recreated = documents.Single(d => d.Id == "r20") with { Seq = 1001 };
        await Items.CreateItemAsync(recreated, cancellationToken: Ct);
        var added = new Doc("r15a", "a", "rare", ["p1"], null, 1002);
        await Items.UpsertItemAsync(added, cancellationToken: Ct);
        documents = [.. documents.Where(d => d.Id is not ("r150" or "r160" or "r20")), replaced, recreated, added];

        foreach (var direction in new[] { "ASC", "DESC" })
        {
            var found = await QueryDocsAsync("a", direction, 1000, "IS_DEFINED(c.seq)");

            var expected = Expected(documents, direction, 1000, _ => true);
            Assert.Equal(expected.Select(id => $"{id}:{documents.Single(d => d.Id == id).Seq}"), found.Select(d => $"{d.Id}:{d.Seq}"));
        }
    }

    [Fact]
    public async Task AFailedBatchLeavesTheIdOrderAsItWas()
    {
        var documents = await SeedAsync("a");
        var batch = Items.CreateTransactionalBatch(new PartitionKey("a"))
            .DeleteItem("r100")
            .CreateItem(new Doc("r0a", "a", "rare", ["p1"], null, 2000))
            .ReplaceItem("r101", documents.Single(d => d.Id == "r101") with { Section = "rare" })
            .CreateItem(documents.Single(d => d.Id == "r5"));

        using var response = await batch.ExecuteAsync(Ct);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        foreach (var direction in new[] { "ASC", "DESC" })
        {
            Assert.Equal(Expected(documents, direction, 1000, _ => true), await QueryIdsAsync("a", direction, 1000, "IS_DEFINED(c.seq)"));
            Assert.Equal(Expected(documents, direction, 20, d => d.Section == "rare"), await QueryIdsAsync("a", direction, 20, Filters["few"].Sql));
        }
    }

    [Fact]
    public async Task TwoPartitionsWithTheSameIdsEachAnswerWithTheirOwnDocuments()
    {
        var inA = await SeedAsync("a");
        var inB = (await SeedAsync("b", section: i => i % 7 == 0 ? "rare" : "common")).ToList();
        await Items.DeleteItemAsync<Doc>("r7", new PartitionKey("b"), cancellationToken: Ct);
        inB.RemoveAll(d => d.Id == "r7");

        foreach (var (pk, documents) in new[] { ("a", inA), ("b", inB) })
        {
            var found = await QueryDocsAsync(pk, "DESC", 25, Filters["few"].Sql);

            Assert.Equal(Expected(documents, "DESC", 25, Filters["few"].Matches), found.Select(d => d.Id));
            Assert.All(found, d => Assert.Equal(pk, d.Pk));
        }
    }

    private static List<string> Expected(IEnumerable<Doc> documents, string direction, int top, Func<Doc, bool> matches)
    {
        var matching = documents.Where(matches);
        var ordered = direction == "ASC"
            ? matching.OrderBy(d => d.Id, StringComparer.Ordinal)
            : matching.OrderByDescending(d => d.Id, StringComparer.Ordinal);
        return ordered.Take(top).Select(d => d.Id).ToList();
    }

    /// <summary>
    /// Documents "r0" to "r299" in partition <paramref name="pk"/>, created out of id order in batches of 100: every
    /// other one a revision, two in three of phone p1, one in 20 (by default) in the rare section.
    /// </summary>
    private async Task<List<Doc>> SeedAsync(string pk, Func<int, string>? section = null)
    {
        section ??= i => i % 20 == 0 ? "rare" : "common";
        var documents = new List<Doc>();
        for (var start = 0; start < Count; start += 100)
        {
            var batch = Items.CreateTransactionalBatch(new PartitionKey(pk));
            for (var k = start; k < start + 100; k++)
            {
                var i = k * 7 % Count;
                string[] phones = (i % 3) switch { 0 => ["p2"], 1 => ["p1"], _ => ["p1", "p2"] };
                var document = new Doc($"r{i}", pk, section(i), phones, i % 2 == 0 ? null : $"r{i - 1}", i);
                batch.CreateItem(document);
                documents.Add(document);
            }
            using var response = await batch.ExecuteAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"seeding {pk} from {start}: {response.StatusCode}");
        }
        return documents;
    }

    // The local server wants the partition key in the filter too as soon as the filter compares anything with `=`.
    private static QueryDefinition Query(string pk, string direction, int top, string filter) =>
        new QueryDefinition($"SELECT TOP @n * FROM c WHERE c.pk = @pk AND {filter} ORDER BY c.id {direction}")
            .WithParameter("@n", top).WithParameter("@pk", pk).WithParameter("@cursor", "r2");

    private static QueryRequestOptions Options(string pk) => new() { PartitionKey = new PartitionKey(pk), MaxItemCount = 25 };

    private async Task<List<Doc>> QueryDocsAsync(string pk, string direction, int top, string filter)
    {
        using var iterator = Items.GetItemQueryIterator<Doc>(Query(pk, direction, top, filter), null, Options(pk));
        var found = new List<Doc>();
        while (iterator.HasMoreResults)
        {
            found.AddRange(await iterator.ReadNextAsync(Ct));
        }
        return found;
    }

    private async Task<List<string>> QueryIdsAsync(string pk, string direction, int top, string filter) =>
        (await QueryDocsAsync(pk, direction, top, filter)).Select(d => d.Id).ToList();

    // A current document has no revisionOf at all (a null would be defined).
    private sealed record Doc(
        string Id, string Pk, string Section, string[] PhoneIds,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RevisionOf, int Seq);
}
