using System.Text.Json;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.History;

public sealed class HistoryCapRouteTests
{
    /// <summary>A revision as the change feed gives it: stored with the app's own serialization.</summary>
    private static ChangedDocument RevisionBy(Author actor) => new("settings", JsonSerializer.SerializeToElement(new Revision
    {
        Id = "rev-0000000000000000001-00000000-settings",
        BusinessId = "b1",
        RevisionOf = "defaults-voice",
        At = DateTimeOffset.UnixEpoch,
        Actor = actor,
        Target = new RevisionTarget(TargetKind.DefaultSection, Section: "voice"),
        Operation = RevisionOperation.Create,
        PhoneIds = [],
        Changes = [],
    }, CosmosJson.Options));

    [Fact]
    public void ARevisionByAPersonChecksTheCap() =>
        Assert.True(HistoryCapRoute.Checks(RevisionBy(new Author(AuthorKind.User, "user-1"))));

    [Fact]
    public void ARevisionByTheMigrationDoesNotCheckTheCap()
    {
        Assert.False(HistoryCapRoute.Checks(RevisionBy(new Author(AuthorKind.Migration, "run-1"))));
        Assert.False(HistoryCapRoute.Checks(RevisionBy(new Author(AuthorKind.Migration, "lazy"))));
    }
}
