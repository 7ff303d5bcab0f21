using System.Text.Json.Nodes;
using MultiPhone.History;

namespace MultiPhone.UnitTests.History;

public sealed class FieldDiffTests
{
    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void ObjectsAreComparedFieldByFieldAndListsWhole()
    {
        var changes = FieldDiff.Compare(
            Json("""{"greeting":"Hi","escalation":{"phone":"+1","after":3},"days":[1,2]}"""),
            Json("""{"greeting":"Hi","escalation":{"phone":"+2","after":3},"days":[1,2,3]}"""));

        Assert.Equal(["days", "escalation.phone"], changes.Select(c => c.Path));
        Assert.Equal("+2", changes[1].After!.GetValue<string>());
    }

    [Fact]
    public void AnAbsentFieldAndANullOneAreTheSame()
    {
        Assert.Empty(FieldDiff.Compare(Json("""{"greeting":null}"""), Json("{}")));
        var set = Assert.Single(FieldDiff.Compare(null, Json("""{"greeting":"Hi"}""")));
        Assert.Null(set.Before);
    }

    [Fact]
    public void AnObjectReplacedByAScalarIsOneChange()
    {
        var change = Assert.Single(FieldDiff.Compare(Json("""{"a":{"b":1}}"""), Json("""{"a":2}""")));
        Assert.Equal("a", change.Path);
    }

    [Fact]
    public void WithSetsANestedPathAndNullRemovesIt()
    {
        var set = FieldDiff.With(null, "escalation.phone", JsonValue.Create("+1"));
        Assert.Equal("+1", FieldDiff.At(set, "escalation.phone")!.GetValue<string>());
        Assert.Equal("""{"escalation":{}}""", FieldDiff.With(set, "escalation.phone", null).ToJsonString());
    }
}
