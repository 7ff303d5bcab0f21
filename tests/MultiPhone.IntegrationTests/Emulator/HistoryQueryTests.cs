using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// The history feature's queries, run by the SDK against the local server: one logical partition (named in the request
/// options only), revisions or current documents of one phone, ids below a cursor, newest id first, paged with
/// continuations.
/// </summary>
public sealed class HistoryQueryTests(ApiFactory api) : ItemsContainerTest(api)
{
    private const string Revisions = "IS_DEFINED(c.revisionOf)";
    private const string Current = "NOT IS_DEFINED(c.revisionOf)";

    [Theory]
    [InlineData(Revisions)]
    [InlineData(Current)]
    public async Task APhonesDocumentsBelowTheCursorComeNewestIdFirstAcrossPages(string filter)
    {
        var documents = await SeedAsync();
        var expected = documents
            .Where(d => d.Pk == "b1" && (d.RevisionOf is not null) == (filter == Revisions) && d.PhoneIds.Contains("p1"))
            .Where(d => string.CompareOrdinal(d.Id, "r1500") < 0)
            .OrderByDescending(d => d.Id, StringComparer.Ordinal)
            .Take(120)
            .Select(d => d.Id)
            .ToList();

        var found = await QueryAsync(filter, top: 120, phoneId: "p1", after: "r1500");

        Assert.Equal(120, expected.Count);
        Assert.Equal(expected, found.Ids);
        Assert.True(found.Pages >= 3, $"the results came in {found.Pages} page(s)");
    }

    [Fact]
    public async Task AQueryResumedFromAContinuationTokenGoesOnWhereThePageStopped()
    {
        await SeedAsync();
        var whole = await QueryAsync(Revisions, top: 60, phoneId: "p2", after: "r1000");

        using var first = Iterator(Revisions, top: 60, phoneId: "p2", after: "r1000", continuation: null);
        var firstPage = await first.ReadNextAsync(Ct);
        using var rest = Iterator(Revisions, top: 60, phoneId: "p2", after: "r1000", continuation: firstPage.ContinuationToken);
        var resumed = firstPage.Select(d => d.Id).ToList();
        while (rest.HasMoreResults)
        {
            resumed.AddRange((await rest.ReadNextAsync(Ct)).Select(d => d.Id));
        }

        Assert.Equal(60, whole.Ids.Count);
        Assert.Equal(whole.Ids, resumed);
    }

    /// <summary>
    /// 2,000 documents in partition b1 and 200 in b2 with the same ids: every other one a revision, each of phone p1,
    /// p2 or both.
    /// </summary>
    private async Task<List<HistoryDoc>> SeedAsync()
    {
        var documents = new List<HistoryDoc>();
        foreach (var (pk, count) in new[] { ("b1", 2000), ("b2", 200) })
        {
            for (var start = 0; start < count; start += 100)
            {
                var batch = Items.CreateTransactionalBatch(new PartitionKey(pk));
                for (var i = start; i < start + 100; i++)
                {
                    string[] phones = (i % 3) switch { 0 => ["p1"], 1 => ["p2"], _ => ["p1", "p2"] };
                    var document = new HistoryDoc($"r{i:D4}", pk, i % 2 == 0 ? null : $"r{i - 1:D4}", phones);
                    batch.CreateItem(document);
                    documents.Add(document);
                }
                using var response = await batch.ExecuteAsync(Ct);
                Assert.True(response.IsSuccessStatusCode, $"seeding {pk} from {start}: {response.StatusCode}");
            }
        }
        return documents;
    }

    private FeedIterator<HistoryDoc> Iterator(string filter, int top, string phoneId, string after, string? continuation) =>
        Items.GetItemQueryIterator<HistoryDoc>(
            new QueryDefinition($"SELECT TOP @n * FROM c WHERE {filter} AND ARRAY_CONTAINS(c.phoneIds, @p) AND c.id < @after ORDER BY c.id DESC")
                .WithParameter("@n", top).WithParameter("@p", phoneId).WithParameter("@after", after),
            continuation,
            new QueryRequestOptions { PartitionKey = new PartitionKey("b1"), MaxItemCount = 25 });

    private async Task<(List<string> Ids, int Pages)> QueryAsync(string filter, int top, string phoneId, string after)
    {
        using var query = Iterator(filter, top, phoneId, after, continuation: null);
        var ids = new List<string>();
        var pages = 0;
        while (query.HasMoreResults)
        {
            var page = await query.ReadNextAsync(Ct);
            ids.AddRange(page.Select(d => d.Id));
            pages++;
        }
        return (ids, pages);
    }

    // A current document has no revisionOf at all (a null would be defined).
    private sealed record HistoryDoc(
        string Id, string Pk, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RevisionOf, string[] PhoneIds);
}
