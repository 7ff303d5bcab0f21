using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Queries scoped to one logical partition, as the app sends them: the local server reads only that partition's
/// items (it keeps them per partition), so it must keep that view right through replaces and deletes.
/// </summary>
public sealed class PartitionQueryTests(ApiFactory api) : ItemsContainerTest(api)
{
    [Fact]
    public async Task QueryOfOnePartitionSeesItsLatestItemsOnlyThroughReplacesAndDeletes()
    {
        foreach (var pk in new[] { "a", "b" })
        {
            for (var seq = 1; seq <= 4; seq++)
            {
                await Items.CreateItemAsync(new Item($"{pk}{seq}", pk, seq), cancellationToken: Ct);
            }
        }
        await Items.ReplaceItemAsync(new Item("a2", "a", 20), "a2", new PartitionKey("a"), cancellationToken: Ct);
        await Items.UpsertItemAsync(new Item("a5", "a", 5), new PartitionKey("a"), cancellationToken: Ct);
        await Items.DeleteItemAsync<Item>("a3", new PartitionKey("a"), cancellationToken: Ct);
        await Items.DeleteItemAsync<Item>("b1", new PartitionKey("b"), cancellationToken: Ct);

        var a = await QueryAsync("a");
        var b = await QueryAsync("b");

        Assert.Equal(["a1:1", "a2:20", "a4:4", "a5:5"], a.Select(i => $"{i.Id}:{i.Seq}").Order());
        Assert.Equal(["b2", "b3", "b4"], b.Select(i => i.Id).Order());
    }

    private async Task<List<Item>> QueryAsync(string pk)
    {
        using var query = Items.GetItemQueryIterator<Item>(
            new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", pk),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), MaxItemCount = 1 });
        var found = new List<Item>();
        while (query.HasMoreResults)
        {
            found.AddRange(await query.ReadNextAsync(Ct));
        }
        return found;
    }
}
