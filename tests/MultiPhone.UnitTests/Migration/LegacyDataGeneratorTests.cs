using System.Text;
using System.Text.Json.Nodes;
using MultiPhone.DevData;
using MultiPhone.Migration;

namespace MultiPhone.UnitTests.Migration;

public sealed class LegacyDataGeneratorTests
{
    private const int Count = 1500;

    private static List<GeneratedBusiness> Generate(int seed, int count = Count) =>
        [.. Enumerable.Range(0, count).Select(i => LegacyDataGenerator.Generate(seed, i, count))];

    [Fact]
    public void TheSameSeedGivesTheSameBusinesses()
    {
        var first = Generate(seed: 11, count: 300);
        var again = Generate(seed: 11, count: 300);

        Assert.Equal(first.Select(b => b.Document.ToJsonString()), again.Select(b => b.Document.ToJsonString()));
        Assert.Equal(first.Select(b => b.Route), again.Select(b => b.Route));
        Assert.Equal(first.SelectMany(b => b.Services).Select(s => s.Id), again.SelectMany(b => b.Services).Select(s => s.Id));
    }

    [Fact]
    public void AnotherSeedGivesOtherBusinesses()
    {
        var one = Generate(seed: 1, count: 50).Select(b => b.Document["phoneNumber"]?.ToJsonString());
        var other = Generate(seed: 2, count: 50).Select(b => b.Document["phoneNumber"]?.ToJsonString());

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void ABusinessDependsOnlyOnItsSeedAndIndex()
    {
        var whole = Generate(seed: 5, count: 200);

        var slice = Enumerable.Range(120, 30).Select(i => LegacyDataGenerator.Generate(5, i, 200));

        Assert.Equal(whole.Skip(120).Take(30).Select(b => b.Document.ToJsonString()), slice.Select(b => b.Document.ToJsonString()));
    }

    [Fact]
    public void EveryKindOfLegacyBusinessIsThere()
    {
        var kinds = Generate(seed: 3).GroupBy(b => b.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(Enum.GetValues<LegacyKind>(), kind => Assert.True(kinds.GetValueOrDefault(kind) >= 20, $"{kind}: {kinds.GetValueOrDefault(kind)}"));
        Assert.True(kinds[LegacyKind.Valid] > Count / 2);
    }

    [Fact]
    public void NumbersComeInManyCountriesAndFormats()
    {
        var numbers = Generate(seed: 4).Where(b => b.Kind == LegacyKind.Valid).Select(b => b.Document["phoneNumber"]!.GetValue<string>()).ToList();

        Assert.Contains(numbers, n => n.StartsWith('(') && n.Contains(") ", StringComparison.Ordinal));     // (415) 234-5678
        Assert.Contains(numbers, n => n.StartsWith("+44 ", StringComparison.Ordinal));
        Assert.Contains(numbers, n => n.StartsWith("0049", StringComparison.Ordinal) || n.StartsWith("0033", StringComparison.Ordinal));
        Assert.Contains(numbers, n => n.Contains("ext.", StringComparison.Ordinal));
        Assert.Contains(numbers, n => n.Contains('.', StringComparison.Ordinal) && !n.Contains("ext", StringComparison.Ordinal));
        Assert.Contains(numbers, n => n.All(char.IsAsciiDigit));
        Assert.True(numbers.Select(n => n.TrimStart('+', '0')[..1]).Distinct().Count() >= 5, "numbers should span several country codes");
    }

    [Fact]
    public void TimeZonesAreMissingWindowsOrMadeUpForSome()
    {
        var documents = Generate(seed: 6).Select(b => b.Document).ToList();

        Assert.Contains(documents, d => !d.ContainsKey("timezone"));
        Assert.Contains(documents, d => d["timezone"]?.GetValue<string>() is "" );
        Assert.Contains(documents, d => d["timezone"]?.GetValue<string>() is "Eastern Standard Time" or "Pacific Standard Time" or "GMT Standard Time" or "W. Europe Standard Time" or "Central Standard Time");
        Assert.Contains(documents, d => d["timezone"]?.GetValue<string>() is "PST" or "GMT+2" or "America/Nowhere" or "Eastern" or "local" or "UTC-5:30");
    }

    [Fact]
    public void SettingsRangeFromNoneToTheLimits()
    {
        var documents = Generate(seed: 8).Select(b => b.Document).ToList();

        Assert.Contains(documents, d => !d.ContainsKey("voiceSettings") && !d.ContainsKey("operatingHours"));
        Assert.Contains(documents, d => d["conversationRules"]?["rules"]?.AsArray().Count == 50);
        Assert.Contains(documents, d => d["voiceSettings"]?["instructions"]?.GetValue<string>().Length > 9000);
        Assert.Contains(documents, d => d["operatingHours"]?["specialDays"]?.AsArray().Count == 60);
    }

    [Fact]
    public void ACopiedNumberIsTheSameNumberTypedAnotherWayAndOnlyItsCopyIsRouted()
    {
        var businesses = Generate(seed: 9);

        var copies = businesses.Select((b, i) => (b, i)).Where(x => x.b.Kind == LegacyKind.SameNumberAsPrevious).ToList();

        Assert.NotEmpty(copies);
        Assert.All(copies, copy =>
        {
            var original = businesses[copy.i - 1];
            Assert.Equal(MigrationOutcomeKind.Conflict, original.Expected);
            Assert.Null(original.Route);
            Assert.Equal(copy.b.Id, copy.b.Route!.BusinessId);
        });
        var routed = businesses.Where(b => b.Route is not null).Select(b => b.Route!.Id).ToList();
        Assert.Equal(routed.Count, routed.Distinct().Count());
    }

    [Fact]
    public void BusinessWideServicesHaveNoPhone()
    {
        var services = Generate(seed: 10, count: 200).SelectMany(b => b.Services).ToList();

        Assert.NotEmpty(services);
        Assert.All(services, s => Assert.Null(s.PhoneId));
    }

    [Fact]
    public void NamesUseManyScripts()
    {
        var names = Generate(seed: 12).Select(b => b.Document["name"]!.GetValue<string>()).ToList();

        Assert.Contains(names, n => n.Any(c => c > '\u3000'));
        Assert.Contains(names, n => n.Length == 200 || n.Length > 190);
        Assert.All(names, n => Assert.InRange(n.Length, 1, 200));
    }

    [Fact]
    public void AHostileNumberIsNoNumberInAnyCountryABusinessIsIn()
    {
        // "415-555-013456789" was one, and it is a German number: a business in Germany meant to be invalid migrated.
        foreach (var country in LegacyDataGenerator.CountryCodes)
        {
            foreach (var number in LegacyDataGenerator.HostileNumbers)
            {
                var document = new JsonObject { ["id"] = "b", ["name"] = "Hostile", ["phoneNumber"] = number, ["timezone"] = "UTC", ["address"] = new JsonObject { ["country"] = country } };
                var business = LegacyDocument.From(Encoding.UTF8.GetBytes(document.ToJsonString()), "etag").Business!;

                var plan = LegacyMigrationRules.Plan(business, out var refusal);

                Assert.False(plan.IsOk, $"{number} is a number in {country}");
                Assert.Equal(MigrationOutcomeKind.Invalid, refusal);
            }
        }
    }

    internal static JsonObject Document(int seed, LegacyKind kind) =>
        Generate(seed, count: 400).First(b => b.Kind == kind).Document;
}
