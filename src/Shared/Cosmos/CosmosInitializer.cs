using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultiPhone.Cosmos;

/// <summary>Creates the database and every registered container when they are missing and configuration asks for it.</summary>
internal sealed partial class CosmosInitializer(
    CosmosClient client,
    IOptions<CosmosOptions> options,
    IEnumerable<ContainerDefinition> containers,
    ILogger<CosmosInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfMissing)
        {
            return;
        }
        Database database = await client.CreateDatabaseIfNotExistsAsync(options.Value.Database, cancellationToken: cancellationToken);
        foreach (var definition in containers)
        {
            await database.CreateContainerIfNotExistsAsync(ToProperties(definition), cancellationToken: cancellationToken);
        }
        LogReady(logger, options.Value.Database, containers.Count());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static ContainerProperties ToProperties(ContainerDefinition definition)
    {
        var properties = new ContainerProperties(definition.Name, definition.PartitionKeyPath)
        {
            DefaultTimeToLive = definition.AllowsItemTtl ? -1 : null,
        };
        if (definition.UniqueKeys.Length > 0)
        {
            var policy = new UniqueKeyPolicy();
            foreach (var paths in definition.UniqueKeys)
            {
                var key = new UniqueKey();
                foreach (var path in paths)
                {
                    key.Paths.Add(path);
                }
                policy.UniqueKeys.Add(key);
            }
            properties.UniqueKeyPolicy = policy;
        }
        return properties;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmos database {Database} ready with {Count} containers")]
    private static partial void LogReady(ILogger logger, string database, int count);
}
