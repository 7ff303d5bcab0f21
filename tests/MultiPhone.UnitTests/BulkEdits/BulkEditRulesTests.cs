using System.Text.Json.Nodes;
using MultiPhone.BulkEdits;
using MultiPhone.Common;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.UnitTests.BulkEdits;

public sealed class BulkEditRulesTests
{
    private static readonly JsonObject System = JsonNode.Parse("""{"greeting": "Hello", "agentName": null, "escalation": {"phone": null, "after": 3}}""")!.AsObject();

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void ASetMergesFieldsIntoTheLayerAndANullFieldInheritsAgain()
    {
        var set = new BulkOperation { Kind = BulkOperationKind.Set, Fields = Json("""{"greeting": "Hi", "agentName": null}""") };

        var next = BulkEditRules.NextLayer(set, Json("""{"agentName": "Mia", "escalation": {"after": 5}}"""), null);

        Assert.True(JsonNode.DeepEquals(Json("""{"escalation": {"after": 5}, "greeting": "Hi"}"""), next), next?.ToJsonString());
    }

    [Fact]
    public void AResetOfEveryFieldLeavesNoLayerAndAResetOfSomeKeepsTheRest()
    {
        var layer = Json("""{"greeting": "Own", "escalation": {"after": 5}}""");

        Assert.Null(BulkEditRules.NextLayer(new BulkOperation { Kind = BulkOperationKind.Reset }, layer, null));
        var some = BulkEditRules.NextLayer(new BulkOperation { Kind = BulkOperationKind.Reset, Fields = new JsonArray("escalation.after") }, layer, null);
        Assert.True(JsonNode.DeepEquals(Json("""{"greeting": "Own"}"""), some), some?.ToJsonString());
        Assert.Equal("""{"greeting":"Own","escalation":{"after":5}}""", layer.ToJsonString());
    }

    [Fact]
    public void SectionChangesAreOfEffectiveValuesWithTheLayerEachComesFrom()
    {
        var changes = BulkEditRules.SectionChanges(System, Json("""{"greeting": "Hi"}"""), before: null, after: Json("""{"greeting": "Hi", "agentName": "Mia"}"""));

        Assert.Equal(["agentName", "greeting"], changes.Select(c => c.Path));
        var greeting = changes.Single(c => c.Path == "greeting");
        Assert.Equal(("Hi", "Hi", SettingSource.Business, SettingSource.Phone),
            (greeting.Before?.GetValue<string>(), greeting.After?.GetValue<string>(), greeting.SourceBefore, greeting.SourceAfter));
        var agent = changes.Single(c => c.Path == "agentName");
        Assert.Equal((null, "Mia", SettingSource.System), (agent.Before, agent.After?.GetValue<string>(), agent.SourceBefore));
    }

    [Fact]
    public void AnItemIsUnchangedWhenTheContentStaysAsItIs()
    {
        var layer = Json("""{"greeting": "Hi"}""");

        var item = BulkEditRules.Item("p1", "Oakland", layer, layer.DeepClone().AsObject(), [new FieldChange("greeting")]);

        Assert.Equal((BulkOutcome.Unchanged, 0), (item.Outcome, item.Changes.Count));
    }

    [Fact]
    public void SwitchingServicesOffAndOnKeepsTheOthersAndNeverListsOneTwice()
    {
        var next = BulkEditRules.NextSwitchedOff(Json("""{"businessServiceIds": ["b", "c"]}"""), off: ["a", "b"], on: ["c"]);

        Assert.Equal("""{"businessServiceIds":["a","b"]}""", next.ToJsonString());
    }

    [Fact]
    public void CountsAddUp() =>
        Assert.Equal(new BulkCounts(2, 1, 1), BulkCounts.Of([Item(BulkOutcome.Change), Item(BulkOutcome.Fail), Item(BulkOutcome.Unchanged)]).Plus(new BulkCounts(1, 0, 0)));

    [Theory]
    [InlineData(" West-Coast ", "west-coast")]
    [InlineData("downtown2", "downtown2")]
    [InlineData("two words", null)]
    [InlineData("-edge", null)]
    [InlineData("", null)]
    public void ALabelIsOneLowerCaseWord(string given, string? stored) => Assert.Equal(stored, PhoneLabels.Normalize(given));

    [Fact]
    public void APhoneHasAtMostTwentyLabelsEachNamedWhenRefused()
    {
        var errors = new FieldErrors();

        var labels = PhoneLabels.Normalize([.. Enumerable.Range(0, 21).Select(i => $"l{i}"), "bad label", "l1"], errors);

        Assert.Equal(21, labels.Count);
        Assert.Equal(["labels", "labels[21]"], errors.ToProblem().Errors!.Keys.Order());
    }

    private static BulkItem Item(BulkOutcome outcome) => new() { PhoneId = "p", Outcome = outcome };
}
