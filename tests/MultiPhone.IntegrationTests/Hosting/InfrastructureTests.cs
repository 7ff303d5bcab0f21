using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Cosmos;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Hosting;

/// <summary>infra/bicep creates what the app needs in Azure, where it cannot create it itself (no account keys).</summary>
public sealed partial class InfrastructureTests(ApiFactory api)
{
    private static readonly string CosmosBicep = Path.Combine(RepoRoot.Path, "infra", "bicep", "app", "cosmos.bicep");

    [Fact]
    public void EveryContainerTheAppUsesIsCreatedWithItsPartitionKeyAndTtl()
    {
        var provisioned = ProvisionedContainers().ToDictionary(c => c.Name);
        var registered = api.Services.GetServices<ContainerDefinition>().ToList();

        Assert.All(registered, container =>
        {
            Assert.True(provisioned.TryGetValue(container.Name, out var infra), $"infra/bicep does not create container '{container.Name}'");
            Assert.Equal((container.PartitionKeyPath, container.AllowsItemTtl), (infra.PartitionKey, infra.PerItemTtl));
        });
        Assert.Empty(provisioned.Keys.Except(registered.Select(c => c.Name)));
    }

    /// <summary>The app's runtime environment in Azure is the one the benchmarks measured locally (scripts/run.sh).</summary>
    [Fact]
    public void TheAppHasTheSameGcBudgetInAzureAsLocally()
    {
        var azure = Gen0Budget().Match(File.ReadAllText(Path.Combine(RepoRoot.Path, "infra", "bicep", "app", "api.bicep")));
        var local = Gen0Budget().Match(File.ReadAllText(Path.Combine(RepoRoot.Path, "scripts", "run.sh")));

        Assert.True(azure.Success, "infra/bicep/app/api.bicep sets no DOTNET_GCgen0size");
        Assert.True(local.Success, "scripts/run.sh sets no DOTNET_GCgen0size");
        Assert.Equal(local.Groups["value"].Value, azure.Groups["value"].Value);
    }

    [GeneratedRegex(@"DOTNET_GCgen0size[:=] ?'?(?<value>0x[0-9A-Fa-f]+)")]
    private static partial Regex Gen0Budget();

    private static IEnumerable<(string Name, string PartitionKey, bool PerItemTtl)> ProvisionedContainers() =>
        ContainerLine().Matches(File.ReadAllText(CosmosBicep))
            .Select(m => (m.Groups["name"].Value, m.Groups["key"].Value, bool.Parse(m.Groups["ttl"].Value)));

    [GeneratedRegex(@"\{ name: '(?<name>[^']+)', partitionKey: '(?<key>[^']+)', perItemTtl: (?<ttl>true|false) \}")]
    private static partial Regex ContainerLine();
}
