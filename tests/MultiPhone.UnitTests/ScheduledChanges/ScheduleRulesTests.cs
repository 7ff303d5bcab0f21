using System.Text.Json.Nodes;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.ScheduledChanges;
using NodaTime;

namespace MultiPhone.UnitTests.ScheduledChanges;

public sealed class ScheduleRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 1, 1, 0, 0);

    [Fact]
    public void ALocalTimeReachesEachInheritingPhoneAtThatTimeInItsZoneAndTheDefaultsAtTheEarliest()
    {
        SchedulePhone[] phones =
        [
            new("la", "America/Los_Angeles", Inherits: true),
            new("ny", "America/New_York", Inherits: true),
            new("chi", "America/Chicago", Inherits: false),
        ];
        var (applications, defaultsDue, error) = ScheduleRules.Plan(new ScheduleTime { LocalTime = "2027-01-04T09:00" }, phones, forDefaults: true, Now);
        Assert.Null(error);
        Assert.Equal(["ny", "la"], applications.Select(a => a.PhoneId));
        Assert.Equal([new DateTimeOffset(2027, 1, 4, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 4, 17, 0, 0, TimeSpan.Zero)], applications.Select(a => a.DueAt));
        Assert.All(applications, a => Assert.Equal("2027-01-04T09:00", a.LocalDueAt));
        // Chicago overrides the field: not reached, but its 09:00 (15:00 UTC) is later than New York's anyway.
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 14, 0, 0, TimeSpan.Zero), defaultsDue);
    }

    [Fact]
    public void AZoneGivenWithTheLocalTimeIsEveryPhonesAndAGapMovesForward()
    {
        var (applications, _, error) = ScheduleRules.Plan(
            new ScheduleTime { LocalTime = "2027-03-28T01:30", TimeZone = "Europe/London" }, [new("ny", "America/New_York", true)], forDefaults: false, Now);
        Assert.Null(error);
        var application = Assert.Single(applications);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), application.DueAt);
        Assert.Equal(("Europe/London", "2027-03-28T02:00"), (application.TimeZone, application.LocalDueAt));
    }

    [Theory]
    [InlineData(null, null, null, "Give either instant or localTime.")]
    [InlineData("2027-01-04T09:00:00Z", "2027-01-04T09:00", null, "Give either instant or localTime.")]
    [InlineData(null, "04/01/2027 09:00", null, "localTime must be written yyyy-MM-ddTHH:mm.")]
    [InlineData(null, "2027-01-04T09:00", "Mars/Base", "'Mars/Base' is not an IANA time zone.")]
    [InlineData("2026-12-31T23:59:00Z", null, null, "The time has already passed.")]
    [InlineData("2040-01-01T00:00:00Z", null, null, "At most ten years ahead.")]
    public void ATimeThatCannotBeWorkedOutIsRefused(string? instant, string? local, string? zone, string message)
    {
        var at = new ScheduleTime { Instant = instant is null ? null : DateTimeOffset.Parse(instant), LocalTime = local, TimeZone = zone };
        Assert.Equal(message, ScheduleRules.Plan(at, [new("p", "America/New_York", true)], forDefaults: false, Now).Error);
    }

    [Fact]
    public void ALocalTimeForDefaultsWithoutLocationsNeedsAZone() =>
        Assert.NotNull(ScheduleRules.Plan(new ScheduleTime { LocalTime = "2027-01-04T09:00" }, [], forDefaults: true, Now).Error);

    [Fact]
    public void SettingFieldsMergesObjectsFieldByFieldAndReplacesListsAndValues()
    {
        var layer = JsonNode.Parse("""{"greeting":"Hi","escalation":{"name":"Ann","phoneNumber":"x100"},"topics":["a","b"]}""")!.AsObject();
        var set = JsonNode.Parse("""{"escalation":{"phoneNumber":"x199"},"topics":["c"]}""")!.AsObject();
        Assert.Equal(["escalation.phoneNumber", "topics"], ScheduleRules.Paths(set));
        Assert.Equal("""{"greeting":"Hi","escalation":{"name":"Ann","phoneNumber":"x199"},"topics":["c"]}""", ScheduleRules.Merge(layer, set).ToJsonString());
        Assert.Equal("""{"topics":["c"]}""", ScheduleRules.Merge(null, JsonNode.Parse("""{"topics":["c"]}""")!.AsObject()).ToJsonString());
    }

    [Fact]
    public void AFieldSetToNullInheritsAgain()
    {
        var layer = JsonNode.Parse("""{"greeting":"Hi","escalation":{"name":"Ann","phoneNumber":"x100"}}""")!.AsObject();
        var set = ScheduleRules.WithNulls(JsonNode.Parse("""{"agentName":"Mia"}""")!.AsObject(), JsonNode.Parse("""{"greeting":null,"escalation":{"name":null},"agentName":"Mia"}""")!.AsObject());
        Assert.Equal(["agentName", "escalation.name", "greeting"], ScheduleRules.Paths(set).Order(StringComparer.Ordinal));
        Assert.Equal("""{"escalation":{"phoneNumber":"x100"},"agentName":"Mia"}""", ScheduleRules.Merge(layer, set).ToJsonString());
    }

    [Fact]
    public void OnlyPeoplesChangesOfTheSameFieldsAfterSchedulingAreConflicts()
    {
        var scheduledAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Revision[] revisions =
        [
            RevisionOf("escalation", scheduledAt.AddMinutes(-1)),
            RevisionOf("escalation.phoneNumber", scheduledAt.AddMinutes(1)),
            RevisionOf("agentName", scheduledAt.AddMinutes(2)),
            RevisionOf("greeting", scheduledAt.AddMinutes(3), new ScheduleStamp("another", new Author(AuthorKind.User, "u"), scheduledAt, 0, ScheduleStamp.Apply)),
        ];
        Assert.Equal(["escalation"], ScheduleRules.Conflicts(["greeting", "escalation", "topics"], revisions, scheduledAt));
    }

    [Fact]
    public void HeldFieldsAreReleasedUnlessSomeoneChangedThem()
    {
        var held = JsonNode.Parse("""{"greeting":"Old"}""")!.AsObject();
        Assert.Empty(ScheduleRules.ChangedSinceHeld(held, JsonNode.Parse("""{"greeting":"Old","agentName":"Mia"}""")!.AsObject()));
        Assert.Equal(["greeting"], ScheduleRules.ChangedSinceHeld(held, JsonNode.Parse("""{"greeting":"Changed"}""")!.AsObject()));
        Assert.Equal("""{"agentName":"Mia"}""", ScheduleRules.Release(JsonNode.Parse("""{"greeting":"Old","agentName":"Mia"}""")!.AsObject(), held)!.ToJsonString());
        Assert.Null(ScheduleRules.Release(JsonNode.Parse("""{"greeting":"Old"}""")!.AsObject(), held));
    }

    [Theory]
    [InlineData(new[] { "pending", "applied" }, "pending")]
    [InlineData(new[] { "applied", "skipped" }, "applied")]
    [InlineData(new[] { "skipped", "skipped" }, "skipped")]
    [InlineData(new[] { "applied", "failed" }, "failed")]
    public void AChangesStatusFollowsItsApplications(string[] statuses, string expected)
    {
        var change = new ScheduledChange
        {
            Id = "c", BusinessId = "b", PhoneId = "p", Section = "voice", Set = [], At = new ScheduleTime(), OnConflict = ConflictPolicy.Skip,
            CreatedAt = default, CreatedBy = new Author(AuthorKind.User, "u"), UpdatedAt = default, Version = 1,
            Applications = [.. statuses.Select((s, i) => new ScheduleApplication
            {
                PhoneId = $"p{i}", TimeZone = "UTC", DueAt = default, LocalDueAt = "", Status = Enum.Parse<ScheduleStatus>(s, ignoreCase: true),
            })],
        };
        Assert.Equal(Enum.Parse<ScheduleStatus>(expected, ignoreCase: true), change.Status);
        Assert.Equal(ScheduleStatus.Cancelled, (change with { Cancelled = true }).Status);
    }

    private static Revision RevisionOf(string path, DateTimeOffset at, ScheduleStamp? scheduled = null) => new()
    {
        Id = $"rev-{at.UtcTicks}", BusinessId = "b", RevisionOf = "p:voice", At = at,
        Actor = scheduled is null ? new Author(AuthorKind.User, "someone") : new Author(AuthorKind.Schedule, scheduled.ChangeId),
        Target = new RevisionTarget(TargetKind.PhoneSection, "p", "voice"), Operation = RevisionOperation.Update, PhoneIds = ["p"],
        Changes = [new FieldChange(path)], Scheduled = scheduled,
    };
}
