using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using MultiPhone.Functions.Hosting;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Hosting;

/// <summary>
/// What the Azure Functions host reads from the package. No host runs here, so these files are the contract:
/// the worker's start command, the function list with its bindings, and the WebJobs extensions the bindings need.
/// </summary>
public sealed class FunctionsPackageTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    /// <summary>The reviewed list of functions; a change to a function's name, trigger or bindings must change it too.</summary>
    private static readonly string ApprovedMetadata = Path.Combine(RepoRoot.Path, "tests", "MultiPhone.IntegrationTests", "Hosting", "functions.metadata.approved.json");

    /// <summary>Binding types the host handles itself, and the extension every other one needs (extensions.json names).</summary>
    private static readonly Dictionary<string, string?> ExtensionOfBinding = new(StringComparer.OrdinalIgnoreCase)
    {
        ["httpTrigger"] = null,
        ["http"] = null,
        ["orchestrationTrigger"] = "DurableTask",
        ["activityTrigger"] = "DurableTask",
        ["entityTrigger"] = "DurableTask",
        ["durableClient"] = "DurableTask",
        ["queueTrigger"] = "AzureStorageQueues",
        ["queue"] = "AzureStorageQueues",
        ["timerTrigger"] = "Timers",
    };

    [Fact]
    public void TheWorkerConfigStartsTheAppAsAnIsolatedWorkerWithWorkerIndexing()
    {
        var description = package.Read("worker.config.json")["description"]!;

        Assert.Equal("dotnet-isolated", (string?)description["language"]);
        Assert.Equal("dotnet", (string?)description["defaultExecutablePath"]);
        Assert.Equal("MultiPhone.Functions.dll", (string?)description["defaultWorkerPath"]);
        Assert.Equal("true", (string?)description["workerIndexing"]);
    }

    [Theory]
    [InlineData("MultiPhone.Functions.dll")]
    [InlineData("MultiPhone.Shared.dll")]
    [InlineData("Microsoft.Azure.Cosmos.Client.dll")]
    [InlineData("Microsoft.DurableTask.Worker.dll")]
    public void TheAppAndItsSdksArePublishedCompiledAheadOfTime(string assembly)
    {
        using var file = File.OpenRead(Path.Combine(package.Folder, assembly));
        using var pe = new PEReader(file);

        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} has no ReadyToRun code: it would be compiled as it runs.");
    }

    [Fact]
    public void TheFunctionsMetadataListsExactlyTheReviewedFunctions()
    {
        var published = PublishedPackage.Canonical(package.Read("functions.metadata"));
        var approved = PublishedPackage.Canonical(JsonNode.Parse(File.ReadAllText(ApprovedMetadata))!);

        Assert.True(approved == published,
            $"functions.metadata changed. If the change is intended, review it and copy it to {Path.GetFileName(ApprovedMetadata)}:\n{published}");
    }

    [Fact]
    public void TheStandaloneWorkerRegistersTheDurableTasksTheHostIsToldOf()
    {
        var host = Functions()
            .Where(f => f["bindings"]!.AsArray().Any(b => (string?)b!["type"] is "orchestrationTrigger" or "activityTrigger"))
            .Select(f => ((string)f["name"]!, ((string)f["entryPoint"]!)[..((string)f["entryPoint"]!).LastIndexOf('.')]))
            .OrderBy(f => f.Item1);

        var standalone = DurableTasks.In(typeof(DurableTasks).Assembly).Select(t => (t.Name, t.Type.FullName!));

        Assert.Equal(host, standalone);
    }

    [Fact]
    public void EveryHttpRequestGoesToTheAnonymousApiFunctionWithPathsUnchanged()
    {
        var api = Functions().Single(f => (string?)f["name"] == "Api");
        var trigger = api["bindings"]!.AsArray().Single(b => (string?)b!["type"] == "httpTrigger")!;
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "host.json")))!;

        Assert.Equal("{*route}", (string?)trigger["route"]);
        Assert.Equal("Anonymous", (string?)trigger["authLevel"]);
        Assert.Superset(new HashSet<string> { "get", "post", "put", "delete", "patch", "head", "options" }, trigger["methods"]!.AsArray().Select(m => (string)m!).ToHashSet());
        Assert.Equal("", (string?)hostJson["extensions"]!["http"]!["routePrefix"]);
        Assert.Null(hostJson["customHandler"]);
    }

    [Fact]
    public void ExtensionsJsonNamesEveryExtensionTheBindingsNeed()
    {
        var listed = package.Read("extensions.json")["extensions"]!.AsArray().Select(e => (string)e!["name"]!).ToHashSet();
        var needed = Functions()
            .SelectMany(f => f["bindings"]!.AsArray())
            .Select(b => (string)b!["type"]!)
            .Select(type => ExtensionOfBinding.TryGetValue(type, out var extension)
                ? extension
                : throw new Xunit.Sdk.XunitException($"Binding type '{type}' is new: say which extension it needs."))
            .OfType<string>()
            .ToHashSet();

        Assert.Subset(listed, needed);
        Assert.True(Directory.Exists(Path.Combine(package.Folder, ".azurefunctions")), "the package has no .azurefunctions folder");
    }

    [Fact]
    public void ThePackageHoldsNoDevelopmentData()
    {
        Assert.False(File.Exists(Path.Combine(package.Folder, "MultiPhone.DevData.dll")));
        Assert.DoesNotContain(typeof(DurableTasks).Assembly.GetTypes(), t => t.Name is "DemoData" or "LegacyDataGenerator" or "SeedLegacyCommand");
        Assert.DoesNotContain(typeof(MultiPhone.Migration.LegacyStore).Assembly.GetTypes(), t => t.Name is "LegacyDataGenerator" or "LegacyDataSeeder");
    }

    [Fact]
    public void ThePackageHoldsNoLocalSettings()
    {
        Assert.False(File.Exists(Path.Combine(package.Folder, "local.settings.json")));
        Assert.False(File.Exists(Path.Combine(package.Folder, "local.settings.sample.json")));
    }

    private IEnumerable<JsonNode> Functions() => package.Read("functions.metadata").AsArray().Select(f => f!);
}
