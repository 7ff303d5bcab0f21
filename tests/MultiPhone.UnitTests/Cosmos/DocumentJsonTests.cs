using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MultiPhone.Cosmos;

namespace MultiPhone.UnitTests.Cosmos;

public sealed class DocumentJsonTests
{
    private sealed record Inner(string Phone, int After);

    private sealed record Item(string Id, string Text, Inner Escalation, int[] Days, string? Missing = null)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? OtherFields { get; init; }
    }

    private static readonly Item Sample = new("item-1", "Grüß Gott <b>&</b> \"quoted\" 東京", new Inner("+14155550100", 3), [1, 2, 3]);

    private static JsonObject Written(MemoryStream stream) => JsonNode.Parse(stream.ToArray())!.AsObject();

    private static List<string> Names(MemoryStream stream) =>
        JsonDocument.Parse(stream.ToArray()).RootElement.EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public void AWrittenDocumentIsTheItemsOwnJsonStampedWithItsAuthor()
    {
        using var _ = ChangeAuthor.As(new Author(AuthorKind.Migration, "run-1"));

        var written = ContainerExtensions.Serialize(Sample);

        var expected = JsonSerializer.SerializeToNode(Sample, CosmosJson.Options)!.AsObject();
        expected[ContainerExtensions.ChangedByProperty] = "migration:run-1";
        Assert.Equal(expected.ToJsonString(CosmosJson.Options), System.Text.Encoding.UTF8.GetString(written.ToArray()));
        Assert.DoesNotContain("missing", Names(written));
    }

    [Fact]
    public void AStampAnEarlierWriteLeftIsReplacedNotRepeated()
    {
        var readBack = Sample with
        {
            OtherFields = new() { [ContainerExtensions.ChangedByProperty] = JsonSerializer.SerializeToElement("someone-earlier"), ["kept"] = JsonSerializer.SerializeToElement(7) },
        };
        using var _ = ChangeAuthor.As(new Author(AuthorKind.User, "user-2"));

        var written = ContainerExtensions.Serialize(readBack);

        Assert.Single(Names(written), n => n == ContainerExtensions.ChangedByProperty);
        Assert.Equal("user-2", Written(written)[ContainerExtensions.ChangedByProperty]!.GetValue<string>());
        Assert.Equal(7, Written(written)["kept"]!.GetValue<int>());
    }

    [Fact]
    public void ARemovedDocumentCarriesWhenItWasRemovedAndHowLongItStays()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero);
        using var _ = ChangeAuthor.As(new Author(AuthorKind.User, "user-3"));

        var written = Written(ContainerExtensions.SerializeRemoved(Sample, now));

        Assert.Equal(now, written[ContainerExtensions.RemovedAtProperty]!.GetValue<DateTimeOffset>());
        Assert.Equal((int)ContainerExtensions.RemovedDocumentLifetime.TotalSeconds, written[ContainerExtensions.TtlProperty]!.GetValue<int>());
        Assert.True(ContainerExtensions.IsRemoved(JsonDocument.Parse(written.ToJsonString()).RootElement));
    }

    [Fact]
    public void WithoutAnAuthorTheDocumentIsTheItemsJsonUnchanged()
    {
        var written = ContainerExtensions.Serialize(Sample);

        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(Sample, CosmosJson.Options), Written(written)));
        Assert.DoesNotContain(ContainerExtensions.ChangedByProperty, Names(written));
    }
}
