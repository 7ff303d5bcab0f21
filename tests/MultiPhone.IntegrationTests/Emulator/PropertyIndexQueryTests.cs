using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Single-partition queries filtered on top-level properties (the settings layers', the phones' lists), which the local
/// server answers from an index of those properties instead of reading every document of the partition, revisions
/// included: the answers must be those of the whole partition, in the order the partition is read in, through writes,
/// deletes and rolled back batches, with each partition's own documents.
/// </summary>
public sealed class PropertyIndexQueryTests(ApiFactory api) : ItemsContainerTest(api)
{
    private const int Count = 200;

    // Filters by name, in SQL and as the expected matches.
    private static readonly Dictionary<string, (string Sql, Func<Doc, bool> Matches)> Filters = new()
    {
        ["string"] = ("c.section = 'rare'", d => d.Section == "rare"),
        ["parameter"] = ("c.section = @section", d => d.Section == "rare"),
        ["number"] = ("c.seq = 14", d => d.Seq == 14),
        ["not the number's text"] = ("c.seq = '14'", _ => false),
        ["boolean"] = ("c.flag = true", d => d.Flag),
        ["null"] = ("c.note = null", d => d.Note is null),
        ["in"] = ("c.section IN ('rare', 'odd')", d => d.Section is "rare" or "odd"),
        ["array contains"] = ("ARRAY_CONTAINS(@sections, c.section)", d => d.Section is "rare" or "odd"),
        ["or"] = ("(c.section = 'rare' OR c.seq = 3)", d => d.Section == "rare" || d.Seq == 3),
        ["live documents"] = ("NOT IS_DEFINED(c.revisionOf)", d => d.RevisionOf is null),
        ["revisions"] = ("IS_DEFINED(c.revisionOf)", d => d.RevisionOf is not null),
        ["live and rare"] = ("c.section = 'rare' AND NOT IS_DEFINED(c.revisionOf)", d => d.Section == "rare" && d.RevisionOf is null),
        ["nested"] = ("c.meta.rank = 2", d => d.Meta.Rank == 2),
        ["negated"] = ("NOT (c.section = 'common')", d => d.Section != "common"),
        ["none"] = ("c.section = 'nowhere'", _ => false),
    };

    public static TheoryData<string> FilterNames => [.. Filters.Keys];

    [Theory]
    [MemberData(nameof(FilterNames))]
    public async Task AFilteredQueryAnswersAsOverTheWholePartition(string filter)
    {
        var documents = await SeedAsync("a");

        var found = await QueryIdsAsync("a", Filters[filter].Sql);

        Assert.Equal(await ExpectedAsync("a", documents, Filters[filter].Matches), found);
    }

    [Fact]
    public async Task WritesAfterAPropertyIsIndexedAreFoundByIt()
    {
        var documents = await SeedAsync("a");
        Assert.Equal(await ExpectedAsync("a", documents, Filters["live and rare"].Matches), await QueryIdsAsync("a", Filters["live and rare"].Sql));

        var replaced = documents.Single(d => d.Id == "d4") with { Section = "rare", Seq = 1000 };
        await Items.ReplaceItemAsync(replaced, replaced.Id, new PartitionKey("a"), cancellationToken: Ct);
        var rareBefore = documents.First(d => d.Section == "rare" && d.RevisionOf is null);
        var noLongerRare = rareBefore with { Section = "common" };
        await Items.UpsertItemAsync(noLongerRare, new PartitionKey("a"), cancellationToken: Ct);
        var deleted = documents.Last(d => d.Section == "rare" && d.RevisionOf is null && d.Id != rareBefore.Id);
        await Items.DeleteItemAsync<Doc>(deleted.Id, new PartitionKey("a"), cancellationToken: Ct);
        var added = new Doc("d-new", "a", "rare", 1001, false, "x", null, new Meta(0));
        await Items.CreateItemAsync(added, cancellationToken: Ct);
        documents = [.. documents.Where(d => d.Id != replaced.Id && d.Id != noLongerRare.Id && d.Id != deleted.Id), replaced, noLongerRare, added];

        foreach (var filter in new[] { "live and rare", "string", "revisions", "live documents", "number" })
        {
            Assert.Equal(await ExpectedAsync("a", documents, Filters[filter].Matches), await QueryIdsAsync("a", Filters[filter].Sql));
        }
    }

    [Fact]
    public async Task AFailedBatchLeavesTheIndexAsItWas()
    {
        var documents = await SeedAsync("a");
        Assert.Equal(await ExpectedAsync("a", documents, Filters["string"].Matches), await QueryIdsAsync("a", Filters["string"].Sql));
        var rare = documents.First(d => d.Section == "rare");
        var batch = Items.CreateTransactionalBatch(new PartitionKey("a"))
            .DeleteItem(rare.Id)
            .CreateItem(new Doc("d-rolled-back", "a", "rare", 2000, false, null, null, new Meta(0)))
            .ReplaceItem("d5", documents.Single(d => d.Id == "d5") with { Section = "rare" })
            .CreateItem(documents.Single(d => d.Id == "d7"));

        using var response = await batch.ExecuteAsync(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        foreach (var filter in new[] { "string", "in", "live documents" })
        {
            Assert.Equal(await ExpectedAsync("a", documents, Filters[filter].Matches), await QueryIdsAsync("a", Filters[filter].Sql));
        }
    }

    [Fact]
    public async Task TwoPartitionsWithTheSameValuesEachAnswerWithTheirOwnDocuments()
    {
        var inA = await SeedAsync("a");
        var inB = await SeedAsync("b", section: i => i % 9 == 0 ? "rare" : "common");

        foreach (var (pk, documents) in new[] { ("a", inA), ("b", inB) })
        {
            Assert.Equal(await ExpectedAsync(pk, documents, Filters["live and rare"].Matches), await QueryIdsAsync(pk, Filters["live and rare"].Sql));
        }
    }

    // The matches in the order a query without ORDER BY answers in, which the partition's whole scan (a filter on
    // the partition key alone, which the index leaves alone) gives.
    private async Task<List<string>> ExpectedAsync(string pk, IEnumerable<Doc> documents, Func<Doc, bool> matches)
    {
        var matching = documents.Where(matches).Select(d => d.Id).ToHashSet();
        return [.. (await QueryIdsAsync(pk, "true")).Where(matching.Contains)];
    }

    /// <summary>
    /// Documents "d0" to "d199" in partition <paramref name="pk"/>, in batches of 50: every third one a revision, one
    /// in 10 (by default) in the rare section and one in 10 in the odd one, every other flagged, one in 4 without a note.
    /// </summary>
    private async Task<List<Doc>> SeedAsync(string pk, Func<int, string>? section = null)
    {
        section ??= i => (i % 10) switch { 0 => "rare", 5 => "odd", _ => "common" };
        var documents = new List<Doc>();
        for (var start = 0; start < Count; start += 50)
        {
            var batch = Items.CreateTransactionalBatch(new PartitionKey(pk));
            for (var i = start; i < start + 50; i++)
            {
                var document = new Doc($"d{i}", pk, section(i), i, i % 2 == 0, i % 4 == 0 ? null : $"n{i}",
                    i % 3 == 0 ? $"d{i + 1}" : null, new Meta(i % 3));
                batch.CreateItem(document);
                documents.Add(document);
            }
            using var response = await batch.ExecuteAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"seeding {pk} from {start}: {response.StatusCode}");
        }
        return documents;
    }

    private async Task<List<string>> QueryIdsAsync(string pk, string filter)
    {
        // The local server wants the partition key in the filter too as soon as the filter compares anything with `=`.
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.pk = @pk AND {filter}")
            .WithParameter("@pk", pk).WithParameter("@section", "rare").WithParameter("@sections", new[] { "rare", "odd" });
        using var iterator = Items.GetItemQueryIterator<Doc>(query, null, new QueryRequestOptions { PartitionKey = new PartitionKey(pk), MaxItemCount = 30 });
        var found = new List<string>();
        while (iterator.HasMoreResults)
        {
            found.AddRange((await iterator.ReadNextAsync(Ct)).Select(d => d.Id));
        }
        return found;
    }

    private sealed record Meta(int Rank);

    // A current document has no revisionOf at all (a null would be defined); a note may be null, and is then written.
    private sealed record Doc(
        string Id, string Pk, string Section, int Seq, bool Flag, string? Note,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RevisionOf, Meta Meta);
}
