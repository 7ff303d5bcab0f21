using MultiPhone.Common;
using System.Text.Json.Nodes;
using CsCheck;
using MultiPhone.Settings;

namespace MultiPhone.UnitTests.Settings;

/// <summary>The inheritance rule (phone over business over system) checked on generated JSON layers.</summary>
public sealed class SettingsMergePropertyTests
{
    private const int Iterations = 500;

    private static JsonObject Copy(JsonObject json) => json.DeepClone().AsObject();

    private static void AssertJsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString() ?? "null"} but got {actual?.ToJsonString() ?? "null"}");

    [Fact]
    public void EmptyOrNullOverrideGivesTheBusinessOverSystemMerge() =>
        JsonLayers.AnyLayers.Sample(l =>
        {
            var (businessView, businessSources) = SettingsMerge.Merge(l.System, l.Business, null);

            foreach (var phone in new[] { null, new JsonObject() })
            {
                var (effective, sources) = SettingsMerge.Merge(l.System, l.Business, phone);
                AssertJsonEqual(businessView, effective);
                Assert.Equal(businessSources, sources);
                Assert.DoesNotContain(SettingSource.Phone, sources.Values);
            }
        }, iter: Iterations);

    [Fact]
    public void SystemLayerAloneIsTheEffectiveValueWithItsNullsKept() =>
        JsonLayers.System.Sample(system =>
        {
            var (effective, sources) = SettingsMerge.Merge(system, null, null);

            AssertJsonEqual(system, effective);
            Assert.All(sources.Values, source => Assert.Equal(SettingSource.System, source));
        }, iter: Iterations);

    [Fact]
    public void OverrideThatSetsEveryFieldIgnoresTheLayersBelow() =>
        JsonLayers.AnyLayers.Sample(l =>
        {
            var phone = JsonLayers.Complete(l.Phone, l.Business, l.System);

            var (effective, sources) = SettingsMerge.Merge(l.System, l.Business, phone);

            AssertJsonEqual(phone, effective);
            Assert.Equal(JsonLayers.Leaves(phone).Select(x => x.Path).Order(StringComparer.Ordinal), sources.Keys);
            Assert.All(sources.Values, source => Assert.Equal(SettingSource.Phone, source));
        }, iter: Iterations);

    [Fact]
    public void ReMergingTheEffectiveValueAsTheOverrideChangesNothing() =>
        JsonLayers.AnyLayers.Sample(l =>
        {
            var (effective, _) = SettingsMerge.Merge(l.System, l.Business, l.Phone);

            var (again, _) = SettingsMerge.Merge(l.System, l.Business, effective);

            AssertJsonEqual(effective, again);
        }, iter: Iterations);

    [Fact]
    public void MergingLeavesTheLayersUnchanged() =>
        JsonLayers.AnyLayers.Sample(l =>
        {
            var (system, business, phone) = (Copy(l.System), Copy(l.Business), Copy(l.Phone));

            var (effective, _) = SettingsMerge.Merge(l.System, l.Business, l.Phone);
            foreach (var (path, _) in JsonLayers.Leaves(effective).ToList())
            {
                // Writing to the effective value must not reach into a layer.
                var (parent, key) = path.LastIndexOf('.') is var dot and >= 0
                    ? ((JsonObject)JsonLayers.At(effective, path[..dot]).Value!, path[(dot + 1)..])
                    : (effective, path);
                parent[key] = "changed";
            }

            AssertJsonEqual(system, l.System);
            AssertJsonEqual(business, l.Business);
            AssertJsonEqual(phone, l.Phone);
        }, iter: Iterations);

    [Fact]
    public void EveryEffectiveFieldHasOneSourceThatHoldsItsValue() =>
        JsonLayers.ConformingLayers.Sample(l =>
        {
            var (effective, sources) = SettingsMerge.Merge(l.System, l.Business, l.Phone);

            var leaves = JsonLayers.Leaves(effective).ToList();
            Assert.Equal(leaves.Select(x => x.Path).Order(StringComparer.Ordinal), sources.Keys);
            foreach (var (path, value) in leaves)
            {
                var layer = sources[path] switch
                {
                    SettingSource.Phone => l.Phone,
                    SettingSource.Business => l.Business,
                    _ => l.System,
                };
                var (present, held) = JsonLayers.At(layer, path);
                Assert.True(present, $"{sources[path]} does not define {path}");
                AssertJsonEqual(held, value);
            }
        }, iter: Iterations);

    [Fact]
    public void SourceIsTheHighestLayerThatSetsTheFieldAndSystemOtherwise() =>
        JsonLayers.ConformingLayers.Sample(l =>
        {
            var (_, sources) = SettingsMerge.Merge(l.System, l.Business, l.Phone);

            foreach (var (path, source) in sources)
            {
                var expected = JsonLayers.At(l.Phone, path).Value is not null ? SettingSource.Phone
                    : JsonLayers.At(l.Business, path).Value is not null ? SettingSource.Business
                    : SettingSource.System;
                Assert.True(expected == source, $"{path}: expected {expected}, got {source}");
            }
        }, iter: Iterations);

    [Fact]
    public void OverrideAppliesOverTheBusinessView() =>
        JsonLayers.ConformingLayers.Sample(l =>
        {
            var (businessView, _) = SettingsMerge.Merge(l.System, l.Business, null);

            var (stepwise, _) = SettingsMerge.Merge(businessView, null, l.Phone);
            var (effective, _) = SettingsMerge.Merge(l.System, l.Business, l.Phone);

            AssertJsonEqual(stepwise, effective);
        }, iter: Iterations);

    [Fact]
    public void ListsNeverMixElementsOfTwoLayers() =>
        JsonLayers.AnyLayers.Sample(l =>
        {
            var (effective, sources) = SettingsMerge.Merge(l.System, l.Business, l.Phone);

            foreach (var (path, list) in JsonLayers.Lists(effective))
            {
                var layer = sources[path] switch
                {
                    SettingSource.Phone => l.Phone,
                    SettingSource.Business => l.Business,
                    _ => l.System,
                };
                AssertJsonEqual(JsonLayers.At(layer, path).Value, list);
                Assert.True(JsonLayers.Texts(list).Select(t => t[0]).Distinct().Count() <= 1, $"{path} mixes layers: {list.ToJsonString()}");
            }
        }, iter: Iterations);
}
