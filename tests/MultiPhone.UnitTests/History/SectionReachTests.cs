using System.Text.Json.Nodes;
using MultiPhone.Settings;

namespace MultiPhone.UnitTests.History;

public sealed class SectionReachTests
{
    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void ADefaultChangeReachesThePhonesThatDoNotOverrideWhatItChanged()
    {
        var system = Json("""{"greeting":null,"agentName":null}""");
        var overrides = new Dictionary<string, JsonObject?>
        {
            ["overrides-greeting"] = Json("""{"greeting":"Ours"}"""),
            ["overrides-name"] = Json("""{"agentName":"Mia"}"""),
        };

        var (affected, unaffected) = SectionRevisions.Reach(
            system, Json("""{"greeting":"Old"}"""), Json("""{"greeting":"New"}"""), ["follows", "overrides-greeting", "overrides-name"], overrides);

        Assert.Equal(["follows", "overrides-name"], affected);
        Assert.Equal(["overrides-greeting"], unaffected);
    }
}
