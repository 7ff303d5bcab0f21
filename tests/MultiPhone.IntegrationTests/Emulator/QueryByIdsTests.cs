using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Queries whose filter names the ids they want (a batch of the migration reads its businesses so): the local server
/// reads only the items with those ids instead of every item, so it must still apply the rest of the filter, find
/// the same id in several partitions, and follow replaces and deletes.
/// </summary>
public sealed class QueryByIdsTests(ApiFactory api) : ItemsContainerTest(api)
{
    [Fact]
    public async Task QueryByIdsFindsEachIdInEveryPartitionAndLeavesOutUnknownAndInvalidIds()
    {
        await SeedAsync();

        var found = await Items.QueryByIdsAsync(["x1", "x2", "nowhere", "bad/id", "x1"], e => $"{e.GetProperty("pk").GetString()}:{e.GetProperty("id").GetString()}", Ct);

        Assert.Equal(["a:x1", "a:x2", "b:x1"], found.Order());
    }

    [Fact]
    public async Task QueryByIdsSeesReplacesAndDeletes()
    {
        await SeedAsync();
        await Items.ReplaceItemAsync(new Item("x1", "a", 10), "x1", new PartitionKey("a"), cancellationToken: Ct);
        await Items.DeleteItemAsync<Item>("x1", new PartitionKey("b"), cancellationToken: Ct);
        await Items.CreateItemAsync(new Item("x3", "c", 3), cancellationToken: Ct);

        var found = await Items.QueryByIdsAsync(["x1", "x3"], e => $"{e.GetProperty("id").GetString()}:{e.GetProperty("seq").GetInt32()}", Ct);

        Assert.Equal(["x1:10", "x3:3"], found.Order());
    }

    [Theory]
    [InlineData("SELECT * FROM c WHERE c.id = @one AND c.seq > 1", new[] { "b:x1" })]
    [InlineData("SELECT * FROM c WHERE c.seq > 1 AND c.id IN (@one, @two)", new[] { "a:x2", "b:x1" })]
    [InlineData("SELECT * FROM c WHERE (c.id = @one AND c.pk = 'a') OR (c.id = @two AND c.pk = 'a')", new[] { "a:x1", "a:x2" })]
    [InlineData("SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id) AND c.pk = 'b'", new[] { "b:x1" })]
    [InlineData("SELECT * FROM c WHERE c.id = @one OR c.seq = 3", new[] { "a:x1", "b:x1", "b:y3" })]
    [InlineData("SELECT * FROM c WHERE NOT (c.id = @one)", new[] { "a:x2", "b:y3" })]
    public async Task AFilterNamingIdsIsStillAppliedWhole(string sql, string[] expected)
    {
        await SeedAsync();
        var query = new QueryDefinition(sql).WithParameter("@one", "x1").WithParameter("@two", "x2").WithParameter("@ids", new[] { "x1", "x2" });

        using var iterator = Items.GetItemQueryIterator<Item>(query);
        var found = new List<string>();
        while (iterator.HasMoreResults)
        {
            found.AddRange((await iterator.ReadNextAsync(Ct)).Select(i => $"{i.Pk}:{i.Id}"));
        }

        Assert.Equal(expected, found.Order());
    }

    private async Task SeedAsync()
    {
        await Items.CreateItemAsync(new Item("x1", "a", 1), cancellationToken: Ct);
        await Items.CreateItemAsync(new Item("x2", "a", 2), cancellationToken: Ct);
        await Items.CreateItemAsync(new Item("x1", "b", 2), cancellationToken: Ct);
        await Items.CreateItemAsync(new Item("y3", "b", 3), cancellationToken: Ct);
    }
}
