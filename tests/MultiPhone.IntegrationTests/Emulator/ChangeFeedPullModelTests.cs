using System.Net;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// The local server's change feed read with the SDK's pull model (latest-version mode), as the realtime feature
/// reads it: a continuation resumes after what was read, and only what changed since comes back.
/// </summary>
public sealed class ChangeFeedPullModelTests(ApiFactory api) : ItemsContainerTest(api)
{
    [Fact]
    public async Task WritesAfterTheFirstPageArriveFromTheContinuationInOrderPerPartitionKey()
    {
        await CreateAsync(new Item("a1", "a", 1));
        await CreateAsync(new Item("b1", "b", 1));
        using var feed = Items.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion,
            new ChangeFeedRequestOptions { PageSizeHint = 2 });

        var first = await feed.ReadNextAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(["a1", "b1"], first.Select(i => i.Id));

        await CreateAsync(new Item("a2", "a", 2));
        await CreateAsync(new Item("b2", "b", 2));
        await Items.ReplaceItemAsync(new Item("a1", "a", 3), "a1", cancellationToken: Ct);
        await Items.UpsertItemAsync(new Item("a3", "a", 4), cancellationToken: Ct);
        await Items.PatchItemAsync<Item>("b1", new PartitionKey("b"), [PatchOperation.Set("/seq", 3)], cancellationToken: Ct);
        var next = await ReadUntilNotModifiedAsync(feed);

        Assert.Equal([("a2", 2), ("a1", 3), ("a3", 4)], next.Where(i => i.Pk == "a").Select(i => (i.Id, i.Seq)));
        Assert.Equal([("b2", 2), ("b1", 3)], next.Where(i => i.Pk == "b").Select(i => (i.Id, i.Seq)));
    }

    [Fact]
    public async Task ContinuationIsNotModifiedUntilSomethingNewerIsWritten()
    {
        await CreateAsync(new Item("a1", "a", 1));
        using var feed = Items.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion);
        await ReadUntilNotModifiedAsync(feed);

        var idle = await feed.ReadNextAsync(Ct);
        using var resumed = Items.GetChangeFeedIterator<Item>(
            ChangeFeedStartFrom.ContinuationToken(idle.ContinuationToken), ChangeFeedMode.LatestVersion);
        var idleFromToken = await resumed.ReadNextAsync(Ct);
        await CreateAsync(new Item("a2", "a", 2));
        var changed = await resumed.ReadNextAsync(Ct);

        Assert.Equal(HttpStatusCode.NotModified, idle.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, idleFromToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["a2"], changed.Select(i => i.Id));
    }

    [Fact]
    public async Task FeedOfOnePartitionKeySeesNoOtherPartition()
    {
        await CreateAsync(new Item("a1", "a", 1));
        await CreateAsync(new Item("b1", "b", 1));
        using var feed = Items.GetChangeFeedIterator<Item>(
            ChangeFeedStartFrom.Beginning(FeedRange.FromPartitionKey(new PartitionKey("a"))), ChangeFeedMode.LatestVersion);

        var before = await ReadUntilNotModifiedAsync(feed);
        await Items.UpsertItemAsync(new Item("b1", "b", 2), cancellationToken: Ct);
        await Items.UpsertItemAsync(new Item("a1", "a", 2), cancellationToken: Ct);
        var after = await ReadUntilNotModifiedAsync(feed);

        Assert.Equal([("a1", 1)], before.Select(i => (i.Id, i.Seq)));
        Assert.Equal([("a1", 2)], after.Select(i => (i.Id, i.Seq)));
    }

    [Fact]
    public async Task StartingFromNowSkipsEarlierWrites()
    {
        await CreateAsync(new Item("old", "a", 1));
        using var feed = Items.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion);

        var start = await feed.ReadNextAsync(Ct);
        await CreateAsync(new Item("new", "a", 2));
        var changes = await ReadUntilNotModifiedAsync(feed);

        Assert.Equal(HttpStatusCode.NotModified, start.StatusCode);
        Assert.Equal(["new"], changes.Select(i => i.Id));
    }

    [Fact]
    public async Task StartingFromATimeSkipsWritesBeforeIt()
    {
        await CreateAsync(new Item("old", "a", 1));
        // Cosmos DB times are whole seconds: start at the second after the old write, once the clock is there.
        var startTime = DateTimeOffset.FromUnixTimeSeconds(await WriteTimeAsync( "old", "a") + 1).UtcDateTime;
        await Wait.UntilAsync(() => DateTime.UtcNow >= startTime, "the clock reaches the start time");
        await CreateAsync(new Item("new", "a", 2));

        using var feed = Items.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.Time(startTime), ChangeFeedMode.LatestVersion);
        var changes = await ReadUntilNotModifiedAsync(feed);

        Assert.Equal(["new"], changes.Select(i => i.Id));
    }

    [Fact]
    public async Task LatestVersionFeedGivesEachDocumentOnceInItsLastVersionAndNoDeletes()
    {
        await CreateAsync(new Item("kept", "a", 1));
        await CreateAsync(new Item("deleted", "a", 2));
        await Items.ReplaceItemAsync(new Item("kept", "a", 3), "kept", cancellationToken: Ct);
        await Items.DeleteItemAsync<Item>("deleted", new PartitionKey("a"), cancellationToken: Ct);
        await Items.ReplaceItemAsync(new Item("kept", "a", 4), "kept", cancellationToken: Ct);

        using var feed = Items.GetChangeFeedIterator<Item>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion);
        var changes = await ReadUntilNotModifiedAsync(feed);

        Assert.Equal([("kept", 4)], changes.Select(i => (i.Id, i.Seq)));
    }

    private Task CreateAsync(Item item) => Items.CreateItemAsync(item, cancellationToken: Ct);

    private async Task<long> WriteTimeAsync(string id, string pk)
    {
        using var response = await Items.ReadItemStreamAsync(id, new PartitionKey(pk), cancellationToken: Ct);
        using var document = await System.Text.Json.JsonDocument.ParseAsync(response.Content, cancellationToken: Ct);
        return document.RootElement.GetProperty("_ts").GetInt64();
    }

    /// <summary>Reads pages until the feed answers Not Modified, and returns what they held in order.</summary>
    private static async Task<List<Item>> ReadUntilNotModifiedAsync(FeedIterator<Item> feed)
    {
        var changes = new List<Item>();
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await feed.ReadNextAsync(Ct);
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                return changes;
            }
            changes.AddRange(page);
        }
        throw new InvalidOperationException("The change feed never answered Not Modified");
    }
}
