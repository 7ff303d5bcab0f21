using System.ComponentModel.DataAnnotations;
using DurableTask.AzureStorage;

namespace MultiPhone.Functions.Hosting;

/// <summary>
/// host.json's <c>extensions.durableTask</c> (names as Durable Functions reads them) and the storage account the Functions
/// host would give it (<c>AzureWebJobsStorage</c>), for the standalone backend: one place tunes Durable both ways.
/// </summary>
public sealed class DurableTaskHostJson
{
    [Required(ErrorMessage = "DurableTask__HubName is required: host.json names the task hub %DurableTask__HubName%.")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,49}$", ErrorMessage = "DurableTask__HubName must be 3-50 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "";

    [Required(ErrorMessage = "AzureWebJobsStorage is required: Durable keeps its queues, tables and blobs there (locally: UseDevelopmentStorage=true, Azurite).")]
    public string StorageConnection { get; set; } = "";

    public bool ExtendedSessionsEnabled { get; set; }

    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    [Range(1, 1000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>How long a message taken by a process that died stays invisible: the delay before a crashed run resumes.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Reads host.json from the function app root (the output folder) and resolves its %setting% references.</summary>
    public static void Read(DurableTaskHostJson settings, IConfiguration configuration)
    {
        var durable = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false)
            .Build()
            .GetSection("extensions:durableTask");
        durable.Bind(settings);
        durable.GetSection("storageProvider").Bind(settings);
        if (settings.HubName is ['%', .. var name, '%'])
        {
            settings.HubName = configuration[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] ?? "";
        }
        settings.StorageConnection = configuration["AzureWebJobsStorage"] ?? "";
    }

    public AzureStorageOrchestrationServiceSettings ToAzureStorage(ILoggerFactory loggers) => new()
    {
        TaskHubName = HubName,
        // The provider names a worker after its machine by default and counts the hub's partitions per name: two
        // processes of one machine (two instances locally) would count each other's partitions as their own, and the
        // second would take none while the first lives.
        WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
        StorageAccountClientProvider = new StorageAccountClientProvider(StorageConnection),
        ExtendedSessionsEnabled = ExtendedSessionsEnabled,
        ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(ExtendedSessionIdleTimeoutInSeconds),
        MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivityFunctions,
        MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestratorFunctions,
        ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,
        MaxQueuePollingInterval = MaxQueuePollingInterval,
        PartitionCount = PartitionCount,
        LoggerFactory = loggers,
    };
}
