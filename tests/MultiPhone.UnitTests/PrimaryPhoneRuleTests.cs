using CsCheck;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.UnitTests;

public sealed class PrimaryPhoneRuleTests
{
    private static readonly DateTimeOffset Base = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static PhoneNumber Phone(string id, DateTimeOffset createdAt) => new()
    {
        Id = id,
        BusinessId = "biz",
        Number = "+14155550134",
        DisplayName = id,
        Timezone = "UTC",
        IsActive = true,
        State = PhoneState.Ready,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    /// <summary>
    /// Short ids from a small alphabet mixing cases (ordinal order differs from culture order), and creation times
    /// a few minutes apart written with various offsets, so that equal instants and ties by id are common.
    /// </summary>
    private static readonly Gen<DateTimeOffset> GenCreatedAt =
        Gen.Select(Gen.Int[0, 4], Gen.Int[-12, 12], (minute, offsetHours) =>
            Base.AddMinutes(minute).ToOffset(TimeSpan.FromHours(offsetHours)));

    private static readonly Gen<List<PhoneNumber>> GenPhones =
        Gen.Select(Gen.String[Gen.Char["aAbB_1"], 1, 3], GenCreatedAt, (id, at) => (id, at))
            .List[1, 12]
            .Select(entries => entries.DistinctBy(e => e.id, StringComparer.Ordinal).Select(e => Phone(e.id, e.at)).ToList());

    private static string Oldest(IEnumerable<PhoneNumber> phones) =>
        phones.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).First().Id;

    [Fact]
    public void EmptySetHasNoPrimary()
    {
        Assert.Null(PrimaryPhoneRule.Resolve(null, []));
        Assert.Null(PrimaryPhoneRule.Resolve("p1", []));
    }

    [Fact]
    public void AnyNonEmptySetResolvesToOneOfItsPhones() =>
        Gen.Select(GenPhones, Gen.String[Gen.Char["aAbB_1"], 0, 3].Null())
            .Sample((phones, named) => phones.Any(p => p.Id == PrimaryPhoneRule.Resolve(named, phones)));

    [Fact]
    public void NamedPhoneInTheSetWins() =>
        GenPhones.SelectMany(phones => Gen.Int[0, phones.Count - 1].Select(i => (phones, named: phones[i].Id)))
            .Sample((phones, named) => PrimaryPhoneRule.Resolve(named, phones) == named);

    [Fact]
    public void MissingNamedPhoneFallsBackToTheOldest() =>
        GenPhones.Sample(phones => PrimaryPhoneRule.Resolve("deleted-phone", phones) == Oldest(phones));

    [Fact]
    public void NoNamedPhoneFallsBackToTheOldest() =>
        GenPhones.Sample(phones => PrimaryPhoneRule.Resolve(null, phones) == Oldest(phones));

    [Fact]
    public void ResultDoesNotDependOnInputOrder() =>
        GenPhones.SelectMany(phones => Gen.Shuffle(phones.ToArray()).Select(shuffled => (phones, shuffled)))
            .Sample((phones, shuffled) => PrimaryPhoneRule.Resolve(null, phones) == PrimaryPhoneRule.Resolve(null, shuffled));

    [Fact]
    public void OldestWinsWhenNothingIsNamed()
    {
        var phones = new[] { Phone("new", Base.AddDays(1)), Phone("old", Base), Phone("middle", Base.AddHours(1)) };

        Assert.Equal("old", PrimaryPhoneRule.Resolve(null, phones));
    }

    [Fact]
    public void TieOnCreationTimeIsBrokenByOrdinalId()
    {
        // Ordinal: "B" (0x42) sorts before "a" (0x61), unlike culture-aware comparison.
        var phones = new[] { Phone("a", Base), Phone("B", Base), Phone("c", Base) };

        Assert.Equal("B", PrimaryPhoneRule.Resolve(null, phones));
        Assert.Equal("B", PrimaryPhoneRule.Resolve(null, phones.Reverse()));
    }

    [Fact]
    public void SameInstantWrittenWithDifferentOffsetsIsATie()
    {
        var phones = new[] { Phone("z", Base), Phone("y", Base.ToOffset(TimeSpan.FromHours(5))) };

        Assert.Equal("y", PrimaryPhoneRule.Resolve(null, phones));
    }

    [Fact]
    public void NamedPhoneWinsEvenWhenNewest()
    {
        var phones = new[] { Phone("old", Base), Phone("new", Base.AddYears(1)) };

        Assert.Equal("new", PrimaryPhoneRule.Resolve("new", phones));
    }

    [Fact]
    public void NamedIdIsMatchedCaseSensitively()
    {
        var phones = new[] { Phone("old", Base), Phone("New", Base.AddDays(1)) };

        Assert.Equal("old", PrimaryPhoneRule.Resolve("new", phones));
    }

    [Fact]
    public void SinglePhoneIsThePrimaryWhateverItsCreationTime()
    {
        Assert.Equal("only", PrimaryPhoneRule.Resolve(null, [Phone("only", DateTimeOffset.MinValue)]));
        Assert.Equal("only", PrimaryPhoneRule.Resolve(null, [Phone("only", DateTimeOffset.MaxValue)]));
    }
}
