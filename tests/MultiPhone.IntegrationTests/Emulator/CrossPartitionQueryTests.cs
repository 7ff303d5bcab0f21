using System.Net;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Queries without a partition key, as the change feed processor's lease store sends them: the SDK asks the gateway
/// for a query plan, then runs the query on each partition key range (the local server has one).
/// </summary>
public sealed class CrossPartitionQueryTests(ApiFactory api) : ItemsContainerTest(api)
{
    [Fact]
    public async Task QueryWithoutPartitionKeyReturnsEveryMatchAcrossPartitionsAndPages()
    {
        foreach (var pk in new[] { "a", "b", "c" })
        {
            for (var seq = 1; seq <= 3; seq++)
            {
                await Items.CreateItemAsync(new Item($"{pk}{seq}", pk, seq), cancellationToken: Ct);
            }
        }

        using var query = Items.GetItemQueryIterator<Item>(
            new QueryDefinition("SELECT * FROM c WHERE c.seq >= @min").WithParameter("@min", 2),
            requestOptions: new QueryRequestOptions { MaxItemCount = 2 });
        var found = new List<Item>();
        var pages = 0;
        while (query.HasMoreResults)
        {
            found.AddRange(await query.ReadNextAsync(Ct));
            pages++;
        }

        Assert.Equal(["a2", "a3", "b2", "b3", "c2", "c3"], found.Select(i => i.Id).Order());
        Assert.True(pages >= 3, $"expected pages of at most 2 items, got {pages} page(s)");
    }

    [Theory]
    [InlineData("SELECT * FROM c ORDER BY c.seq", "ORDER BY")]
    [InlineData("SELECT VALUE COUNT(1) FROM c", "aggregates")]
    public async Task QueryWithoutPartitionKeyNeedingTheSdksMergeIsRefusedNotAnsweredWrongly(string sql, string named)
    {
        await Items.CreateItemAsync(new Item("a1", "a", 1), cancellationToken: Ct);

        using var query = Items.GetItemQueryIterator<Item>(sql);
        var refused = await Assert.ThrowsAsync<CosmosException>(() => query.ReadNextAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(named, refused.Message);
    }
}
