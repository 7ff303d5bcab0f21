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

    private static IEnumerable<(string Name, string PartitionKey, bool PerItemTtl)> ProvisionedContainers() =>
        ContainerLine().Matches(File.ReadAllText(CosmosBicep))
            .Select(m => (m.Groups["name"].Value, m.Groups["key"].Value, bool.Parse(m.Groups["ttl"].Value)));

    [GeneratedRegex(@"\{ name: '(?<name>[^']+)', partitionKey: '(?<key>[^']+)', perItemTtl: (?<ttl>true|false) \}")]
    private static partial Regex ContainerLine();
}
