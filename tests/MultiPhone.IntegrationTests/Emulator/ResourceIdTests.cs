using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Resource ids are written in base64 with '-' for '/', as Cosmos DB writes them: the SDK puts them in paths
/// (`dbs/{rid}/colls/{rid}/pkranges` before every query), where a '/' made the server answer 404, and the query failed
/// with "GetTargetPartitionKeyRanges ... failed due to stale cache" for one database in 64.
/// </summary>
public sealed class ResourceIdTests(ApiFactory api) : ItemsContainerTest(api)
{
    // The server numbers databases in order, and the id of one in 64 ends in the base64 digit for 63 ('/' in plain
    // base64); other tests' databases take numbers meanwhile, so this allows several times that.
    private const int DatabasesToFindOne = 256;

    [Fact]
    public async Task AContainerWhoseResourceIdHasTheLastBase64DigitAnswersQueries()
    {
        var created = new List<Database>();
        try
        {
            Database? found = null;
            while (found is null && created.Count < DatabasesToFindOne)
            {
                var response = await Db.Client.CreateDatabaseAsync($"emulator-rid-{Guid.NewGuid():N}", cancellationToken: Ct);
                created.Add(response.Database);
                // The self link is "dbs/{rid}/", with a leading '/' from this server.
                var rid = response.Resource.SelfLink.Trim('/')["dbs/".Length..];
                found = rid.Contains('-', StringComparison.Ordinal) || rid.Contains('/', StringComparison.Ordinal) ? response.Database : null;
            }
            Assert.NotNull(found);
            var container = (await found.CreateContainerAsync("items", "/pk", cancellationToken: Ct)).Container;
            await container.CreateItemAsync(new Item("i1", "a", 1), cancellationToken: Ct);

            using var iterator = container.GetItemQueryIterator<Item>(
                new QueryDefinition("SELECT * FROM c WHERE c.pk = 'a'"), null, new QueryRequestOptions { PartitionKey = new PartitionKey("a") });
            var items = new List<Item>();
            while (iterator.HasMoreResults)
            {
                items.AddRange(await iterator.ReadNextAsync(Ct));
            }

            Assert.Equal(["i1"], items.Select(i => i.Id));
        }
        finally
        {
            foreach (var database in created)
            {
                await database.DeleteAsync(cancellationToken: Ct);
            }
        }
    }
}
