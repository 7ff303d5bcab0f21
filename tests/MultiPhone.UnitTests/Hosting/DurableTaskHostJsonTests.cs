using Microsoft.Extensions.Logging.Abstractions;
using MultiPhone.Functions.Hosting;

namespace MultiPhone.UnitTests.Hosting;

public sealed class DurableTaskHostJsonTests
{
    /// <summary>
    /// The Azure Storage provider counts the task hub's partitions per worker name: two processes of one machine under
    /// one name count each other's partitions as their own, so the second never takes a share while the first lives.
    /// </summary>
    [Fact]
    public void EachProcessIsADurableWorkerOfItsOwn()
    {
        var settings = new DurableTaskHostJson { HubName = "hub", StorageConnection = "UseDevelopmentStorage=true" }.ToAzureStorage(NullLoggerFactory.Instance);

        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", settings.WorkerId);
    }
}
