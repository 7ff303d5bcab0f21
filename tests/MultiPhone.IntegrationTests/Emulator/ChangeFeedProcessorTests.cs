using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Emulator;

/// <summary>
/// The SDK's change feed processor against the local server, with a leases container partitioned by /id: what the
/// realtime feature runs on every instance. Delivery is at least once and latest-version (a document changed twice
/// between polls comes once, in its last version), and in order within a partition key.
/// </summary>
public sealed class ChangeFeedProcessorTests(ApiFactory api) : ItemsContainerTest(api)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task CreatesAndReplacesInSeveralPartitionsArriveInOrderPerPartitionKey()
    {
        var leases = await Db.CreateContainerAsync("leases", "/id");
        var deliveries = new Deliveries();
        var processor = Processor(leases, "deliver", "only", deliveries);
        await processor.StartAsync();
        try
        {
            // Each partition key gets three documents, created and then replaced in turn, the partitions interleaved.
            string[] partitions = ["a", "b", "c"];
            var latest = new Dictionary<string, Item>();
            for (var seq = 1; seq <= 12; seq++)
            {
                foreach (var pk in partitions)
                {
                    var item = new Item($"{pk}-{seq % 3}", pk, seq);
                    var write = seq <= 3
                        ? Items.CreateItemAsync(item, cancellationToken: Ct)
                        : Items.ReplaceItemAsync(item, item.Id, cancellationToken: Ct);
                    await write;
                    latest[item.Id] = item;
                }
            }

            await Wait.UntilAsync(() => latest.Values.All(deliveries.Contains), "every document's last version is delivered");

            foreach (var pk in partitions)
            {
                var order = deliveries.All.Where(i => i.Pk == pk).Select(i => i.Seq).ToList();
                Assert.Equal(order.Order(), order);
            }
        }
        finally
        {
            await processor.StopAsync();
        }
    }

    [Fact]
    public async Task SecondInstanceTakesOverWhenTheOwnerStopsAndLosesNothingWrittenMeanwhile()
    {
        var leases = await Db.CreateContainerAsync("leases", "/id");
        var deliveries = new Deliveries();
        var first = Processor(leases, "takeover", "first", deliveries);
        var second = Processor(leases, "takeover", "second", deliveries);
        await first.StartAsync();
        var firstRunning = true;
        try
        {
            // Once the first instance has delivered a change, it holds the container's only lease.
            await WriteAndWaitAsync(deliveries, ["warm-up"]);
            await second.StartAsync();

            // Steady state: several poll and lease-acquire intervals of both instances running.
            List<string> steady = [];
            for (var round = 0; round < 5; round++)
            {
                var batch = Enumerable.Range(0, 4).Select(i => $"steady-{round}-{i}").ToList();
                await WriteAndWaitAsync(deliveries, batch);
                steady.AddRange(batch);
            }
            Assert.All(steady, id => Assert.Equal(["first"], deliveries.InstancesThatDelivered(id)));

            await first.StopAsync();
            firstRunning = false;
            var meanwhile = Enumerable.Range(0, 10).Select(i => $"meanwhile-{i}").ToList();
            await WriteAndWaitAsync(deliveries, meanwhile);

            Assert.All(meanwhile, id => Assert.Equal(["second"], deliveries.InstancesThatDelivered(id)));
        }
        finally
        {
            if (firstRunning)
            {
                await first.StopAsync();
            }
            await second.StopAsync();
        }
    }

    private ChangeFeedProcessor Processor(Container leases, string name, string instance, Deliveries deliveries) =>
        Items.GetChangeFeedProcessorBuilder<Item>(name, (ChangeFeedProcessorContext _, IReadOnlyCollection<Item> changes, CancellationToken _) =>
            {
                deliveries.Add(instance, changes);
                return Task.CompletedTask;
            })
            .WithInstanceName(instance)
            .WithLeaseContainer(leases)
            .WithPollInterval(PollInterval)
            // Short enough for a test; the expiration leaves ample room for renewals on a busy machine.
            .WithLeaseConfiguration(
                acquireInterval: TimeSpan.FromMilliseconds(200),
                expirationInterval: TimeSpan.FromSeconds(5),
                renewInterval: TimeSpan.FromMilliseconds(250))
            .Build();

    private async Task WriteAndWaitAsync(Deliveries deliveries, IReadOnlyList<string> ids)
    {
        var written = new List<Item>();
        foreach (var id in ids)
        {
            written.Add((await Items.CreateItemAsync(new Item(id, "p", 1), cancellationToken: Ct)).Resource);
        }
        await Wait.UntilAsync(() => written.All(deliveries.Contains), $"{ids[0]}..{ids[^1]} are delivered");
    }

    private sealed class Deliveries
    {
        private readonly ConcurrentQueue<(string Instance, Item Item)> _all = new();

        public IEnumerable<Item> All => _all.Select(d => d.Item);

        public void Add(string instance, IEnumerable<Item> changes)
        {
            foreach (var change in changes)
            {
                _all.Enqueue((instance, change));
            }
        }

        public bool Contains(Item item) => _all.Any(d => d.Item == item);

        public IEnumerable<string> InstancesThatDelivered(string id) =>
            _all.Where(d => d.Item.Id == id).Select(d => d.Instance).Distinct();
    }
}
