using System.Text.Json.Nodes;
using MultiPhone.Cosmos;
using MultiPhone.History;

namespace MultiPhone.UnitTests.History;

public sealed class RestoreRulesTests
{
    private static Revision Of(string? before, string? after) => new()
    {
        Id = "rev-1",
        BusinessId = "b",
        RevisionOf = "p:voice",
        At = DateTimeOffset.UnixEpoch,
        Actor = new Author(AuthorKind.User, "u"),
        Target = new RevisionTarget(TargetKind.PhoneSection, "p", "voice"),
        Operation = RevisionOperation.Update,
        PhoneIds = ["p"],
        Before = before is null ? null : JsonNode.Parse(before)!.AsObject(),
        After = after is null ? null : JsonNode.Parse(after)!.AsObject(),
        Changes = FieldDiff.Compare(before is null ? null : JsonNode.Parse(before)!.AsObject(), after is null ? null : JsonNode.Parse(after)!.AsObject()),
    };

    [Fact]
    public void LaterChangesOfOtherFieldsAreNoConflict()
    {
        var greeting = Of("""{"greeting":"Hello"}""", """{"greeting":"Hi"}""");
        Assert.Empty(RestoreRules.Conflicts(greeting, [Of("""{"greeting":"Hi"}""", """{"greeting":"Hi","agentName":"Mia"}""")]));
    }

    [Fact]
    public void ALaterChangeOfTheSameFieldOrOneInsideItConflicts()
    {
        var escalation = Of("{}", """{"escalation":{"phone":"+1"},"greeting":"Hi"}""");
        var later = Of("""{"escalation":{"phone":"+1"}}""", """{"escalation":{"phone":"+2"}}""");
        Assert.Equal(["escalation.phone"], RestoreRules.Conflicts(escalation, [later]));
    }

    [Fact]
    public void UndoPutsBackOnlyTheFieldsTheChangeSet()
    {
        var greeting = Of("""{"greeting":"Hello"}""", """{"greeting":"Hi"}""");
        var undone = RestoreRules.Undo(greeting, JsonNode.Parse("""{"greeting":"Hi","agentName":"Mia"}""")!.AsObject());
        Assert.Equal("""{"greeting":"Hello","agentName":"Mia"}""", undone!.ToJsonString());
    }

    [Fact]
    public void UndoingTheFirstWriteOfALayerLeavesNothingWhenNothingElseWasSet() =>
        Assert.Null(RestoreRules.Undo(Of(null, """{"greeting":"Hi"}"""), JsonNode.Parse("""{"greeting":"Hi"}""")!.AsObject()));
}
