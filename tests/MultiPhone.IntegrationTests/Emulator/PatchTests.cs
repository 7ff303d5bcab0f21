using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// Patches of several operations, as the migration's last write sends them: the local server applies them to one
/// copy of the document, in order, and stores nothing when any of them fails.
/// </summary>
public sealed class PatchTests(ApiFactory api) : ItemsContainerTest(api)
{
    [Fact]
    public async Task EveryOperationOfAPatchAppliesInOrder()
    {
        await Items.CreateItemAsync(new { id = "p1", pk = "a", seq = 1, name = "old", nested = new { b = 1 } }, new PartitionKey("a"), cancellationToken: Ct);

        await Items.PatchItemAsync<JsonElement>("p1", new PartitionKey("a"),
            [PatchOperation.Set("/name", "new"), PatchOperation.Increment("/seq", 2), PatchOperation.Move("/nested/b", "/moved"), PatchOperation.Set("/migration", new { runId = "r" })],
            cancellationToken: Ct);

        var stored = (await Items.ReadItemAsync<JsonElement>("p1", new PartitionKey("a"), cancellationToken: Ct)).Resource;
        Assert.Equal("new", stored.GetProperty("name").GetString());
        Assert.Equal(3, stored.GetProperty("seq").GetInt32());
        Assert.Equal(1, stored.GetProperty("moved").GetInt32());
        Assert.False(stored.GetProperty("nested").TryGetProperty("b", out _));
        Assert.Equal("r", stored.GetProperty("migration").GetProperty("runId").GetString());
    }

    [Fact]
    public async Task APatchWithAFailingOperationChangesNothing()
    {
        await Items.CreateItemAsync(new { id = "p2", pk = "a", seq = 1, name = "old" }, new PartitionKey("a"), cancellationToken: Ct);
        var before = await Items.ReadItemAsync<JsonElement>("p2", new PartitionKey("a"), cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<CosmosException>(() => Items.PatchItemAsync<JsonElement>("p2", new PartitionKey("a"),
            [PatchOperation.Set("/name", "new"), PatchOperation.Remove("/absent")], cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var after = await Items.ReadItemAsync<JsonElement>("p2", new PartitionKey("a"), cancellationToken: Ct);
        Assert.Equal("old", after.Resource.GetProperty("name").GetString());
        Assert.Equal(before.ETag, after.ETag);
    }
}
