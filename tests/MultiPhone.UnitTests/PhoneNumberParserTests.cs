using MultiPhone.Common;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.UnitTests;

public sealed class PhoneNumberParserTests
{
    private static string Parses(string input, string? defaultCountry)
    {
        Assert.True(PhoneNumberParser.TryToE164(input, defaultCountry, out var e164, out var error), $"'{input}' was refused: {error}");
        Assert.Null(error);
        return e164;
    }

    private static string Refuses(string? input, string? defaultCountry)
    {
        Assert.False(PhoneNumberParser.TryToE164(input, defaultCountry, out var e164, out var error), $"'{input}' was read as {e164}");
        Assert.Null(e164);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error;
    }

    [Fact]
    public void LocalNumberWithDefaultCountryBecomesE164() =>
        Assert.Equal("+14155550134", Parses("(415) 555-0134", "US"));

    [Fact]
    public void BritishNationalFormatWithTrunkZeroBecomesE164() =>
        Assert.Equal("+442079460958", Parses("020 7946 0958", "GB"));

    [Fact]
    public void InternationalNumberNeedsNoDefaultCountry() =>
        Assert.Equal("+442079460958", Parses("+44 20 7946 0958", null));

    [Fact]
    public void InternationalNumberIgnoresADifferentDefaultCountry() =>
        Assert.Equal("+442079460958", Parses("+44 20 7946 0958", "US"));

    [Fact]
    public void InternationalDialPrefixOfTheDefaultCountryIsUnderstood() =>
        Assert.Equal("+442079460958", Parses("00 44 20 7946 0958", "DE"));

    [Fact]
    public void BracketedTrunkZeroInInternationalFormatIsDropped() =>
        Assert.Equal("+442079460958", Parses("+44 (0)20 7946 0958", null));

    [Theory]
    [InlineData("415 555 0134")]
    [InlineData("415.555.0134")]
    [InlineData("415-555-0134")]
    [InlineData("4155550134")]
    [InlineData("1 415 555 0134")]
    [InlineData("+1-415-555-0134")]
    [InlineData("+1.415.555.0134")]
    [InlineData("  +1 (415) 555-0134  ")]
    [InlineData("\t415 555 0134\n")]
    public void SpacingDotsDashesAndSurroundingWhitespaceDoNotMatter(string input) =>
        Assert.Equal("+14155550134", Parses(input, "US"));

    [Fact]
    public void AlreadyE164IsReturnedUnchanged() =>
        Assert.Equal("+14155550134", Parses("+14155550134", null));

    [Fact]
    public void TollFreeNumberThatCanBeDialledFromAbroadIsAccepted() =>
        Assert.Equal("+18002530000", Parses("800-253-0000", "US"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MissingNumberIsRequired(string? input) =>
        Assert.Equal("Required.", Refuses(input, "US"));

    [Fact]
    public void LocalNumberWithoutDefaultCountryIsRefusedWithAHint()
    {
        var error = Refuses("(415) 555-0134", null);

        Assert.Contains("international format", error);
        Assert.Contains("defaultCountry", error);
    }

    [Fact]
    public void InternationalDialPrefixWithoutDefaultCountryIsRefusedWithAHint() =>
        Assert.Contains("international format", Refuses("00 44 20 7946 0958", null));

    [Theory]
    [InlineData("+44 1", null)]
    [InlineData("00", "DE")]
    public void TooShortNumberIsRefused(string input, string? country) =>
        Assert.Equal("The number is too short.", Refuses(input, country));

    [Fact]
    public void TooLongNumberIsRefused() =>
        Assert.Equal("The number is too long.", Refuses("12345678901234567890", "US"));

    [Theory]
    [InlineData("abc")]
    [InlineData("call me")]
    [InlineData("1")]
    public void TextThatIsNotANumberIsRefused(string input) =>
        Assert.Equal("This is not a phone number.", Refuses(input, "US"));

    [Fact]
    public void UnknownCountryCallingCodeIsRefused() =>
        Assert.Equal("The country code is not valid.", Refuses("+999 123456789", null));

    [Fact]
    public void UnknownDefaultCountryIsRefusedAsInvalidCountryCode() =>
        Assert.Equal("The country code is not valid.", Refuses("020 7946 0958", "XX"));

    [Theory]
    [InlineData("(415) 123-4567", "US")] // US numbers never have an exchange starting with 1
    [InlineData("555-0134", "US")] // seven digits: no area code
    [InlineData("12", "US")]
    [InlineData("+1 415 555 01", null)]
    [InlineData("+1 415 555 0134 5555", null)]
    public void NumberNotValidForItsCountryIsRefusedQuotingTheInput(string input, string? country)
    {
        var error = Refuses(input, country);

        Assert.Equal($"'{input.Trim()}' is not a valid phone number for its country.", error);
    }

    // Each of these is valid in libphonenumber's metadata but listed as not dialable from abroad.
    [Theory]
    [InlineData("1800 123 456", "AU")] // Australian freephone
    [InlineData("13 12 34", "AU")] // Australian local-rate
    [InlineData("0800 123 4567", "BR")] // Brazilian toll free
    [InlineData("+91 1800 12 3456", null)] // Indian toll free
    public void NumberThatCannotBeDialledFromAbroadIsRefused(string input, string? country)
    {
        var error = Refuses(input, country);

        Assert.Contains("cannot be dialled from outside its country", error);
        Assert.StartsWith($"'{input}'", error);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("DE")]
    [InlineData("AU")]
    [InlineData("XK")]
    public void KnownRegionIsSupported(string country) =>
        Assert.True(PhoneNumberParser.IsSupportedCountry(country));

    [Theory]
    [InlineData("")]
    [InlineData("XX")]
    [InlineData("USA")]
    [InlineData("us")]
    [InlineData("001")]
    [InlineData("U")]
    public void UnknownOrNonUpperCaseRegionIsNotSupported(string country) =>
        Assert.False(PhoneNumberParser.IsSupportedCountry(country));
}
