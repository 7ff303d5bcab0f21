using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Transactional batches sent by the .NET SDK (a HybridRow body, not JSON) to the local server: all of a batch's
/// operations take effect together in one logical partition, or none of them does.
/// </summary>
public sealed class TransactionalBatchTests(ApiFactory api) : ItemsContainerTest(api)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task CreatesReplacesUpsertsDeletesAndPatchesOfABatchCommitTogether()
    {
        var a1 = await CreateAsync(new Item("a1", "a", 1));
        await CreateAsync(new Item("a2", "a", 1));
        await CreateAsync(new Item("a3", "a", 1));

        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .CreateItemStream(Json(new Item("a4", "a", 1)))
            .ReplaceItemStream("a1", Json(new Item("a1", "a", 2)), new TransactionalBatchItemRequestOptions { IfMatchEtag = a1 })
            .UpsertItemStream(Json(new Item("a5", "a", 1)))
            .DeleteItem("a2")
            .PatchItem("a3", [PatchOperation.Set("/seq", 5)])
            .ExecuteAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.OK],
            response.Select(r => r.StatusCode));
        Assert.Equal([("a1", 2), ("a3", 5), ("a4", 1), ("a5", 1)], (await PartitionAsync("a")).Select(i => (i.Id, i.Seq)));
        Assert.Equal(response[1].ETag, (await Items.ReadItemAsync<Item>("a1", new PartitionKey("a"), cancellationToken: Ct)).ETag);
        Assert.Equal(5, response.GetOperationResultAtIndex<Item>(4).Resource.Seq);
    }

    [Fact]
    public async Task AFailingIfMatchOnTheLastOperationUndoesTheEarlierOnes()
    {
        var a1 = await CreateAsync(new Item("a1", "a", 1));
        var a2 = await CreateAsync(new Item("a2", "a", 1));

        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .CreateItemStream(Json(new Item("a3", "a", 1)))
            .ReplaceItemStream("a1", Json(new Item("a1", "a", 2)), new TransactionalBatchItemRequestOptions { IfMatchEtag = a1 })
            .DeleteItem("a2")
            .UpsertItemStream(Json(new Item("a4", "a", 1)))
            // a1's ETag changed with the replace above.
            .ReplaceItemStream("a1", Json(new Item("a1", "a", 3)), new TransactionalBatchItemRequestOptions { IfMatchEtag = a1 })
            .ExecuteAsync(Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.FailedDependency, 4), HttpStatusCode.PreconditionFailed],
            response.Select(r => r.StatusCode));
        Assert.Equal([("a1", 1), ("a2", 1)], (await PartitionAsync("a")).Select(i => (i.Id, i.Seq)));
        Assert.Equal(a1, (await Items.ReadItemAsync<Item>("a1", new PartitionKey("a"), cancellationToken: Ct)).ETag);
        Assert.Equal(a2, (await Items.ReadItemAsync<Item>("a2", new PartitionKey("a"), cancellationToken: Ct)).ETag);
    }

    [Fact]
    public async Task ACreateOfAnExistingIdStoresNothing()
    {
        var a1 = await CreateAsync(new Item("a1", "a", 1));

        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .CreateItemStream(Json(new Item("a2", "a", 1)))
            .CreateItemStream(Json(new Item("a1", "a", 2)))
            .ExecuteAsync(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([HttpStatusCode.FailedDependency, HttpStatusCode.Conflict], response.Select(r => r.StatusCode));
        Assert.Equal([("a1", 1)], (await PartitionAsync("a")).Select(i => (i.Id, i.Seq)));
        Assert.Equal(a1, (await Items.ReadItemAsync<Item>("a1", new PartitionKey("a"), cancellationToken: Ct)).ETag);
    }

    [Fact]
    public async Task ABatchOfMoreThan100OperationsIsRefusedWholeWith400()
    {
        var batch = Items.CreateTransactionalBatch(new PartitionKey("a"));
        for (var i = 1; i <= 101; i++)
        {
            batch.CreateItemStream(Json(new Item($"a{i}", "a", 1)));
        }

        using var response = await batch.ExecuteAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PartitionAsync("a"));
    }

    [Fact]
    public async Task AnOperationOnAnotherPartitionFailsTheBatch()
    {
        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .CreateItemStream(Json(new Item("a1", "a", 1)))
            .CreateItemStream(Json(new Item("b1", "b", 1)))
            .ExecuteAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PartitionAsync("a"));
        Assert.Empty(await PartitionAsync("b"));
    }

    [Fact]
    public async Task AReadInsideABatchSeesTheBatchsEarlierWrites()
    {
        await CreateAsync(new Item("a1", "a", 1));

        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .ReadItem("a1")
            .ReplaceItemStream("a1", Json(new Item("a1", "a", 2)))
            .ReadItem("a1")
            .ExecuteAsync(Ct);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(1, response.GetOperationResultAtIndex<Item>(0).Resource.Seq);
        var readAfterReplace = response.GetOperationResultAtIndex<Item>(2);
        Assert.Equal(2, readAfterReplace.Resource.Seq);
        Assert.Equal(response[1].ETag, readAfterReplace.ETag);
    }

    [Fact]
    public async Task WritesThatAskForNoContentAnswerTheirETagWithoutTheDocument()
    {
        var minimal = new TransactionalBatchItemRequestOptions { EnableContentResponseOnWrite = false };

        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .CreateItemStream(Json(new Item("a1", "a", 1)), minimal)
            .CreateItemStream(Json(new Item("a2", "a", 1)))
            .ExecuteAsync(Ct);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Null(response[0].ResourceStream);
        Assert.NotNull(response[1].ResourceStream);
        Assert.Equal((await Items.ReadItemAsync<Item>("a1", new PartitionKey("a"), cancellationToken: Ct)).ETag, response[0].ETag);
    }

    [Fact]
    public async Task AReadWhoseIfNoneMatchIsTheCurrentETagIsNotModified()
    {
        var a1 = await CreateAsync(new Item("a1", "a", 1));
        var a2 = await CreateAsync(new Item("a2", "a", 1));
        await Items.ReplaceItemAsync(new Item("a2", "a", 2), "a2", cancellationToken: Ct);

        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .ReadItem("a1", new TransactionalBatchItemRequestOptions { IfNoneMatchEtag = a1 })
            .ReadItem("a2", new TransactionalBatchItemRequestOptions { IfNoneMatchEtag = a2 })
            .ExecuteAsync(Ct);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal([HttpStatusCode.NotModified, HttpStatusCode.OK], response.Select(r => r.StatusCode));
        Assert.Equal(2, response.GetOperationResultAtIndex<Item>(1).Resource.Seq);
    }

    [Fact]
    public async Task TheChangeFeedGivesACommittedBatchsDocumentsAndNothingOfAFailedOne()
    {
        await CreateAsync(new Item("a1", "a", 1));
        using var feed = Items.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion);
        await ReadUntilNotModifiedAsync(feed);

        using var committed = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .CreateItemStream(Json(new Item("a2", "a", 2)))
            .ReplaceItemStream("a1", Json(new Item("a1", "a", 3)))
            .UpsertItemStream(Json(new Item("a3", "a", 4)))
            .ExecuteAsync(Ct);
        var changes = await ReadUntilNotModifiedAsync(feed);
        using var failed = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .UpsertItemStream(Json(new Item("a1", "a", 5)))
            .CreateItemStream(Json(new Item("a2", "a", 6)))
            .ExecuteAsync(Ct);
        var afterFailure = await feed.ReadNextAsync(Ct);

        Assert.True(committed.IsSuccessStatusCode);
        Assert.Equal([("a2", 2), ("a1", 3), ("a3", 4)], changes.Select(i => (i.Id, i.Seq)));
        Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, afterFailure.StatusCode);
    }

    [Fact]
    public async Task APerItemTtlWrittenInABatchIsKept()
    {
        using var response = await Items.CreateTransactionalBatch(new PartitionKey("a"))
            .CreateItemStream(Json(new { id = "a1", pk = "a", ttl = 3600 }))
            .UpsertItemStream(Json(new { id = "a2", pk = "a", ttl = 60 }))
            .ExecuteAsync(Ct);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(3600, (await ReadAsync("a1")).GetProperty("ttl").GetInt32());
        Assert.Equal(60, (await ReadAsync("a2")).GetProperty("ttl").GetInt32());
    }

    private static MemoryStream Json<T>(T document) => new(JsonSerializer.SerializeToUtf8Bytes(document, Web));

    private async Task<string> CreateAsync(Item item) => (await Items.CreateItemAsync(item, cancellationToken: Ct)).ETag;

    private async Task<JsonElement> ReadAsync(string id) =>
        (await Items.ReadItemAsync<JsonElement>(id, new PartitionKey("a"), cancellationToken: Ct)).Resource;

    /// <summary>The partition's documents, by id.</summary>
    private async Task<List<Item>> PartitionAsync(string pk)
    {
        using var query = Items.GetItemQueryIterator<Item>(
            new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", pk),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk) });
        var found = new List<Item>();
        while (query.HasMoreResults)
        {
            found.AddRange(await query.ReadNextAsync(Ct));
        }
        return [.. found.OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    private async Task<List<Item>> ReadUntilNotModifiedAsync(FeedIterator<Item> feed)
    {
        var changes = new List<Item>();
        while (true)
        {
            var page = await feed.ReadNextAsync(Ct);
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                return changes;
            }
            changes.AddRange(page);
        }
    }
}
