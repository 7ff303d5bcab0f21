using System.Text.Json;
using MultiPhone.Businesses;
using MultiPhone.Common;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;
using static MultiPhone.UnitTests.Realtime.RouterWorld;

namespace MultiPhone.UnitTests.Realtime;

public sealed class ChangeRouterTests
{
    private readonly RouterWorld _world = new();

    [Fact]
    public async Task APhonesOwnVoiceChangeGoesToItsSettingsAndVoiceChannelsOnly()
    {
        _world.AddPhone("a");
        _world.AddPhone("b");

        var messages = await _world.RouteAsync(_world.WriteLayer("a", new VoiceSettings { Greeting = "Hi from A" }));

        Assert.Equal(["phone:a:settings", "phone:a:voice"], messages.Select(m => m.Channel));
        var voice = messages.Single(m => m.Channel == "phone:a:voice");
        Assert.Equal(("phone.voice.changed", "Hi from A", "phone"), (voice.Type, Text(voice.Data, "effective.greeting"), Text(voice.Data, "sources.greeting")));
        Assert.All(messages, m => Assert.Equal(("alice", BusinessId, "a", 1L), (m.ChangedBy, m.BusinessId, m.PhoneId, m.Versions["voice"])));
    }

    [Fact]
    public async Task ADefaultChangeReachesEveryPhoneInheritingItAndNoPhoneOverridingIt()
    {
        _world.AddPhone("inherits");
        _world.AddPhone("overrides-greeting");
        _world.AddPhone("overrides-language");
        _world.WriteLayer("overrides-greeting", new VoiceSettings { Greeting = "Own greeting" });
        _world.WriteLayer("overrides-language", new VoiceSettings { Language = "fr-FR" });
        await _world.RouteAsync(_world.WriteLayer<VoiceSettings>(null, new VoiceSettings { Language = "en-US" }));

        var messages = await _world.RouteAsync(_world.WriteLayer<VoiceSettings>(null, new VoiceSettings { Language = "es-US" }));

        Assert.Equal(
            ["business:b-1", "phone:inherits:settings", "phone:inherits:voice", "phone:overrides-greeting:settings", "phone:overrides-greeting:voice"],
            messages.Select(m => m.Channel).Order());
        Assert.Equal(("defaults.changed", 2L), (messages[0].Type, messages[0].Versions["voice"]));
        var merged = messages.Single(m => m.Channel == "phone:overrides-greeting:voice");
        Assert.Equal(("Own greeting", "es-US"), (Text(merged.Data, "effective.greeting"), Text(merged.Data, "effective.language")));
    }

    [Fact]
    public async Task TheFirstDefaultIsComparedWithNoDefaultAtAll()
    {
        _world.AddPhone("inherits");
        _world.AddPhone("overrides");
        _world.WriteLayer("overrides", new SmsSettings { AutoReply = "Own reply" });

        var messages = await _world.RouteAsync(_world.WriteLayer<SmsSettings>(null, new SmsSettings { AutoReply = "Thanks, we'll reply soon." }));

        Assert.Equal(["business:b-1", "phone:inherits:settings"], messages.Select(m => m.Channel).Order());
    }

    [Fact]
    public async Task WithoutMemoryOfTheLastDefaultEveryPhoneIsTold()
    {
        _world.AddPhone("inherits");
        _world.AddPhone("overrides");
        _world.WriteLayer("overrides", new ConversationRules { RefusedTopics = ["pricing"] });
        await _world.RouteAsync(_world.WriteLayer<ConversationRules>(null, new ConversationRules { RefusedTopics = ["politics"] }));
        _world.RestartRouter();

        var messages = await _world.RouteAsync(_world.WriteLayer<ConversationRules>(null, new ConversationRules { RefusedTopics = ["religion"] }));

        Assert.Equal(["business:b-1", "phone:inherits:settings", "phone:overrides:settings"], messages.Select(m => m.Channel).Order());
    }

    [Fact]
    public async Task ADefaultDeliveredTwiceIsAnnouncedAgainWithTheSameVersionButTellsNoPhoneTwice()
    {
        _world.AddPhone("inherits");
        var change = _world.WriteLayer<VoiceSettings>(null, new VoiceSettings { AgentName = "Ava" });
        await _world.RouteAsync(change);

        var again = await _world.RouteAsync(change);

        Assert.Equal("business:b-1", Assert.Single(again).Channel);
        Assert.Equal(1L, again[0].Versions["voice"]);
    }

    [Fact]
    public async Task EffectiveVersionsGrowWhicheverLayerChanged()
    {
        _world.AddPhone("a");
        var versions = new List<long>();
        foreach (var write in new Func<ChangedDocument>[]
        {
            () => _world.WriteLayer<VoiceSettings>(null, new VoiceSettings { AgentName = "Ava" }),
            () => _world.WriteLayer("a", new VoiceSettings { Greeting = "One" }),
            () => _world.WriteLayer<VoiceSettings>(null, new VoiceSettings { AgentName = "Bo" }),
            () => _world.WriteLayer<VoiceSettings>("a", null),
        })
        {
            versions.Add((await _world.RouteAsync(write())).Single(m => m.Channel == "phone:a:voice").Versions["voice"]);
        }

        Assert.Equal([1L, 2L, 3L, 4L], versions);
    }

    [Fact]
    public async Task AnHoursChangeCarriesOpenNowAndTheNextChangeInThePhonesZone()
    {
        _world.AddPhone("ny");

        var messages = await _world.RouteAsync(_world.WriteLayer("ny", new OperatingHours
        {
            Weekly = [new WeeklyPeriod { Day = DayOfWeek.Monday, Open = "09:00", Close = "17:00" }],
        }));

        var hours = messages.Single(m => m.Channel == "phone:ny:hours");
        Assert.Equal(("true", "America/New_York"), (Text(hours.Data, "openNow"), Text(hours.Data, "timezone")));
        Assert.StartsWith("2026-11-02T22:00:00", Text(hours.Data, "nextChangeAt"));
        Assert.Equal(new Dictionary<string, long> { ["hours"] = 1, ["phone"] = 1 }, hours.Versions);
    }

    [Fact]
    public async Task APhoneMovingZoneGetsNewHoursAndAPhoneRenamedDoesNot()
    {
        _world.AddPhone("p");
        await _world.RouteAsync(_world.UpdatePhone("p", p => p with { DisplayName = "First" }));

        var renamed = await _world.RouteAsync(_world.UpdatePhone("p", p => p with { DisplayName = "Second" }));
        var moved = await _world.RouteAsync(_world.UpdatePhone("p", p => p with { Timezone = "Europe/London" }));

        Assert.Equal(["business:b-1"], renamed.Select(m => m.Channel));
        Assert.Equal(["business:b-1", "phone:p:hours"], moved.Select(m => m.Channel));
        Assert.Equal(("phone.updated", "Europe/London"), (moved[0].Type, Text(moved[1].Data, "timezone")));
        Assert.Equal(4L, moved[1].Versions["phone"]);
    }

    [Fact]
    public async Task ANewPhoneIsAddedOnTheBusinessChannelAndAPendingOneIsNotMentioned()
    {
        var phone = _world.AddPhone("new");

        var added = await _world.RouteAsync(_world.Feed(PhoneNumberStore.PhonesDefinition.Name, phone));
        var pending = await _world.RouteAsync(_world.Feed(PhoneNumberStore.PhonesDefinition.Name, phone with { Id = "unfinished", State = PhoneState.Pending }));

        Assert.Equal(("business:b-1", "phone.added", "new"), (Assert.Single(added).Channel, added[0].Type, added[0].PhoneId));
        Assert.Empty(pending);
    }

    [Fact]
    public async Task ARemovedPhoneIsAnnouncedOnEveryChannelItHadWithANewerVersion()
    {
        _world.AddPhone("gone");

        var messages = await _world.RouteAsync(_world.RemovePhone("gone"));

        Assert.Equal(["business:b-1", "phone:gone:settings", "phone:gone:voice", "phone:gone:hours"], messages.Select(m => m.Channel));
        Assert.All(messages, m => Assert.Equal(("phone.removed", 2L), (m.Type, m.Versions["phone"])));
    }

    [Fact]
    public async Task APrimaryChangeIsAnnouncedOnceAndSlotCountingIsNot()
    {
        await _world.RouteAsync(_world.Feed(BusinessStore.Definition.Name, Business(version: 1, primary: "a")));

        var promoted = await _world.RouteAsync(_world.Feed(BusinessStore.Definition.Name, Business(version: 1, primary: "b")));
        var counted = await _world.RouteAsync(_world.Feed(BusinessStore.Definition.Name, Business(version: 1, primary: "b") with { PhoneSlotsTaken = 2 }));
        var renamed = await _world.RouteAsync(_world.Feed(BusinessStore.Definition.Name, Business(version: 2, primary: "b") with { Name = "Harbor Dental" }));

        Assert.Equal(("phone.primaryChanged", "b"), (Assert.Single(promoted).Type, promoted[0].PhoneId));
        Assert.Empty(counted);
        Assert.Equal(("business.updated", 2L), (Assert.Single(renamed).Type, renamed[0].Versions["business"]));
        Assert.True(promoted[0].Versions["primary"] > 0);
    }

    [Fact]
    public async Task AStaffChangeReachesTheBusinessAndOnlyThePhonesTheMemberWorksAt()
    {
        _world.AddPhone("works-here");
        _world.AddPhone("elsewhere");
        _world.Assign("works-here", "s-1");
        _world.Assign("elsewhere", "s-2");

        var messages = await _world.RouteAsync(_world.Feed(StaffStore.StaffDefinition.Name, Member("s-1", version: 3)));
        var removed = await _world.RouteAsync(_world.Feed(StaffStore.StaffDefinition.Name, Member("s-1", version: 3), removed: true));

        Assert.Equal(["business:b-1", "phone:works-here:settings"], messages.Select(m => m.Channel));
        Assert.All(messages, m => Assert.Equal(("s-1", 3L), (m.ItemId, m.Versions["staff"])));
        Assert.All(removed, m => Assert.Equal(("true", 4L), (Text(m.Data, "removed"), m.Versions["staff"])));
    }

    [Fact]
    public async Task ABusinessWideServiceReachesEveryPhoneAndAPhonesOwnServiceOnlyThatPhone()
    {
        _world.AddPhone("a");
        _world.AddPhone("b");

        var everywhere = await _world.RouteAsync(_world.Feed(ServiceStore.ServicesDefinition.Name, Offering("svc-1")));
        var own = await _world.RouteAsync(_world.Feed(ServiceStore.ServicesDefinition.Name, Offering("svc-2", phoneId: "b")));

        Assert.Equal(["business:b-1", "phone:a:settings", "phone:b:settings"], everywhere.Select(m => m.Channel).Order());
        Assert.Equal(("phone:b:settings", "services"), (Assert.Single(own).Channel, own[0].Sections.Single()));
    }

    [Fact]
    public async Task AssignmentsAndSwitchedOffServicesReachOnlyTheirPhone()
    {
        var assignments = new PhoneStaffAssignments { Id = "a", BusinessId = BusinessId, Assignments = [], Version = 7, UpdatedAt = DateTimeOffset.UnixEpoch };
        var selection = new PhoneServiceSelection { Id = "a", BusinessId = BusinessId, BusinessServiceIds = ["svc-1"], Version = 2, UpdatedAt = DateTimeOffset.UnixEpoch };

        var staff = await _world.RouteAsync(_world.Feed(StaffStore.AssignmentsDefinition.Name, assignments));
        var services = await _world.RouteAsync(_world.Feed(ServiceStore.SelectionsDefinition.Name, selection));

        Assert.Equal(("phone:a:settings", 7L), (Assert.Single(staff).Channel, staff[0].Versions["staff"]));
        Assert.Equal(("phone:a:settings", 2L), (Assert.Single(services).Channel, services[0].Versions["services"]));
    }

    [Fact]
    public async Task ABatchReadsWhatItAffectsOnceAndSaysWhatRoutingEachChangeAloneSays()
    {
        _world.AddPhone("a");
        _world.AddPhone("b");
        ChangedDocument[] batch =
        [
            _world.WriteLayer("a", new VoiceSettings { Greeting = "Hi from A" }),
            _world.WriteLayer("b", new VoiceSettings { Greeting = "Hi from B" }),
            _world.WriteLayer("a", new VoiceSettings { Greeting = "Hello again from A" }),
            _world.WriteLayer("b", new ConversationRules { RefusedTopics = ["politics"] }),
        ];

        var (alone, batched, readsAlone, readsBatched) = await RouteAloneThenAsOneBatchAsync(batch);

        Assert.Equal(alone.Select(Json), batched.Select(Json));
        // Point reads only: each phone, each section's default and each phone's layer of it once for the batch (7);
        // alone, the phone and its two layers for every change (12). None reads the business's phones or every layer.
        Assert.Equal((12, 7), (readsAlone, readsBatched));
    }

    [Fact]
    public async Task APhonesLayerRoutedAfterItsDefaultInOneBatchIsAnsweredFromTheBusinessReads()
    {
        _world.AddPhone("a");
        // What a migration writes in one transactional batch: the business's defaults, then its phone's hours.
        ChangedDocument[] batch =
        [
            _world.WriteLayer(null, new VoiceSettings { Greeting = "Hi" }),
            _world.WriteLayer("a", new ConversationRules { RefusedTopics = ["politics"] }),
        ];

        var (alone, batched, readsAlone, readsBatched) = await RouteAloneThenAsOneBatchAsync(batch);

        Assert.Equal(alone.Select(Json), batched.Select(Json));
        // Alone: the business's phones and layers for the default (2), the phone and its two layers for its own (3).
        // Batched: the phone's layers and the phone itself come from what the default's route read.
        Assert.Equal((5, 2), (readsAlone, readsBatched));
    }

    /// <summary>Routes each change alone, then all of them as one batch of the feed on a router that has seen none.</summary>
    private async Task<(List<ChangeMessage> Alone, List<ChangeMessage> Batched, int ReadsAlone, int ReadsBatched)> RouteAloneThenAsOneBatchAsync(ChangedDocument[] batch)
    {
        var alone = new List<ChangeMessage>();
        foreach (var change in batch)
        {
            alone.AddRange(await _world.RouteAsync(change));
        }
        var readsAlone = _world.Reads;
        // Routes remember what they last saw (a default): the batch goes to a router that has not seen it.
        _world.RestartRouter();
        var reads = _world.Router.ReadsForOneBatch();
        var batched = new List<ChangeMessage>();
        foreach (var change in batch)
        {
            batched.AddRange(await _world.Router.RouteAsync(change, reads, CancellationToken.None));
        }
        return (alone, batched, readsAlone, _world.Reads - readsAlone);
    }

    [Fact]
    public async Task DocumentsOfOtherContainersOrWithoutABusinessAreIgnored()
    {
        var index = await _world.RouteAsync(_world.Feed("phoneNumberIndex", new { id = "+14155550100", phoneId = "a" }));

        Assert.Empty(index);
    }

    private static string Json(ChangeMessage message) => JsonSerializer.Serialize(message, ApiJson.Options);
}
