using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.DevData;
using MultiPhone.Migration;
using NodaTime;

namespace MultiPhone.UnitTests.Migration;

public sealed class LegacyMigrationRulesTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryGeneratedBusinessPlansAsItsKindSays(int seed)
    {
        const int Count = 1500;
        foreach (var generated in Enumerable.Range(0, Count).Select(i => LegacyDataGenerator.Generate(seed, i, Count)))
        {
            var document = LegacyDocument.From(JsonSerializer.SerializeToUtf8Bytes(generated.Document), "\"etag\"");
            if (document.Business is null)
            {
                Assert.True(generated.Kind == LegacyKind.Invalid, $"{generated.Id} ({generated.Kind}) is unreadable: {document.Unreadable}");
                continue;
            }
            var plan = LegacyMigrationRules.Plan(document.Business, out var refusal);
            switch (generated.Kind)
            {
                case LegacyKind.NoNumber:
                    Assert.False(plan.IsOk);
                    Assert.Equal(MigrationOutcomeKind.SkippedNoNumber, refusal);
                    break;
                case LegacyKind.Invalid:
                    Assert.False(plan.IsOk, $"{generated.Id}: '{generated.Document["phoneNumber"]}' was meant to be invalid");
                    Assert.Equal(MigrationOutcomeKind.Invalid, refusal);
                    break;
                default:
                    Assert.True(plan.IsOk, $"{generated.Id} ({generated.Kind}): {(plan.IsOk ? "" : LegacyMigrator.Describe(plan.Problem))}");
                    Assert.NotNull(DateTimeZoneProviders.Tzdb.GetZoneOrNull(plan.Value.Phone.Timezone));
                    if (generated.Route is { } route)
                    {
                        Assert.Equal(route.Id, plan.Value.Phone.Number);
                    }
                    break;
            }
        }
    }

    [Fact]
    public void ThePhoneIdIsTheSameEveryTimeAndAGuid()
    {
        var id = LegacyMigrationRules.PhoneIdOf("harbor-dental");

        Assert.Equal(id, LegacyMigrationRules.PhoneIdOf("harbor-dental"));
        Assert.NotEqual(id, LegacyMigrationRules.PhoneIdOf("harbor-dental-2"));
        Assert.True(Guid.TryParseExact(id, "D", out _));
    }

    [Theory]
    [InlineData("America/Chicago", "+14155550134", "US", "America/Chicago")]
    [InlineData("Eastern Standard Time", "+14155550134", "US", "America/New_York")]
    [InlineData(null, "(415) 234-5678", "US", "America/Los_Angeles")]
    [InlineData("PST", "+44 20 7946 0958", null, "Europe/London")]
    [InlineData("", "030 12345678", "DE", "Europe/Berlin")]
    public void ATimeZoneIsTakenAsEnteredTranslatedFromWindowsOrReadFromTheNumber(string? entered, string number, string? country, string expected) =>
        Assert.Equal(expected, LegacyMigrationRules.TimezoneOf(entered, number, country));

    [Fact]
    public void NoTimeZoneWhenTheNumberCouldBeInSeveral() =>
        Assert.Null(LegacyMigrationRules.TimezoneOf("somewhere", "+61 412 345 678", "AU"));

    [Fact]
    public void ALocalNumberWithoutACountryIsInvalidAndSaysWhy()
    {
        var plan = LegacyMigrationRules.Plan(Legacy(phoneNumber: "(415) 234-5678", country: null), out var refusal);

        Assert.Equal(MigrationOutcomeKind.Invalid, refusal);
        Assert.Contains("phoneNumber", plan.Problem!.Errors!.Keys);
    }

    [Fact]
    public void TheCountryComesFromTheAddressWhenTheProfileHasNone()
    {
        var legacy = Legacy(phoneNumber: "020 7946 0958", country: null) with { Address = new() { Line1 = "1 High Street", Country = "gb" } };

        var plan = LegacyMigrationRules.Plan(legacy, out _);

        Assert.Equal("+442079460958", plan.Value!.Phone.Number);
        Assert.Equal("GB", plan.Value.Phone.Address!.Country);
    }

    [Fact]
    public void AnIncompleteAddressIsLeftOffThePhoneRatherThanRefusingTheBusiness()
    {
        var legacy = Legacy(phoneNumber: "+14152345678", country: "US") with { Address = new() { City = "San Francisco" } };

        var plan = LegacyMigrationRules.Plan(legacy, out _);

        Assert.True(plan.IsOk);
        Assert.Null(plan.Value.Phone.Address);
    }

    [Fact]
    public void SettingsAreNormalisedWithTheBusinessesCountry()
    {
        var legacy = Legacy(phoneNumber: "+14152345678", country: "US") with { VoiceSettings = new() { TransferNumber = "(212) 555-0100" } };

        var plan = LegacyMigrationRules.Plan(legacy, out _);

        Assert.Equal("+12125550100", plan.Value!.Voice!.TransferNumber);
    }

    [Fact]
    public void AnInvalidSettingNamesItsField()
    {
        var legacy = Legacy(phoneNumber: "+14152345678", country: "US") with { VoiceSettings = new() { SpeakingRate = 9 } };

        var plan = LegacyMigrationRules.Plan(legacy, out var refusal);

        Assert.Equal(MigrationOutcomeKind.Invalid, refusal);
        Assert.Contains("voiceSettings.speakingRate", plan.Problem!.Errors!.Keys);
    }

    [Fact]
    public void AFieldOfTheWrongTypeMakesTheDocumentUnreadableNotTheRun()
    {
        var stored = JsonNode.Parse("""{ "id": "b", "name": "B", "phoneNumber": "+14152345678", "voiceSettings": { "speakingRate": "fast" } }""")!.AsObject();

        var document = LegacyDocument.From(JsonSerializer.SerializeToUtf8Bytes(stored), "\"e\"");

        Assert.Null(document.Business);
        Assert.Contains("speakingRate", document.Unreadable);
        Assert.Equal("+14152345678", document.EnteredNumber);
    }

    [Fact]
    public void ABusinessWrittenByTheAppKeepsItsLegacyFields()
    {
        var stored = LegacyDataGeneratorTests.Document(seed: 21, LegacyKind.Valid);

        var business = stored.Deserialize<Business>(CosmosJson.Options)!;
        var rewritten = JsonSerializer.SerializeToNode(business with { Name = "Renamed" }, CosmosJson.Options)!.AsObject();

        Assert.Equal("Renamed", rewritten["name"]!.GetValue<string>());
        foreach (var field in new[] { "phoneNumber", "conversationRules", "smsSettings", "operatingHours", "companyProfile" }.Where(stored.ContainsKey))
        {
            Assert.True(JsonNode.DeepEquals(stored[field], rewritten[field]), field);
        }
    }

    private static LegacyBusiness Legacy(string? phoneNumber, string? country) => new()
    {
        Id = "b-" + Guid.NewGuid().ToString("N")[..8],
        Name = "Harbor Dental",
        CompanyProfile = new CompanyProfile { DefaultCountry = country },
        PhoneNumber = phoneNumber,
        Timezone = "America/Los_Angeles",
    };
}
