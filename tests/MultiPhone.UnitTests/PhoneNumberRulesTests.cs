using MultiPhone.Common;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.UnitTests;

public sealed class PhoneNumberRulesTests
{
    private const string Existing = "+14155550134";

    private static readonly PhoneNumberInput Good = new()
    {
        PhoneNumber = "(415) 555-0134",
        DisplayName = "Main office",
        Timezone = "America/Los_Angeles",
    };

    private static readonly Address GoodAddress = new() { Line1 = "1 Market St", Country = "US" };

    private static ValidPhoneInput Valid(PhoneNumberInput input, string? defaultCountry = "US", string? existingNumber = null)
    {
        var result = PhoneNumberRules.Validate(input, defaultCountry, existingNumber);
        Assert.True(result.IsOk, result.IsOk ? null : string.Join("; ", result.Problem.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return result.Value;
    }

    private static IReadOnlyDictionary<string, string[]> Invalid(PhoneNumberInput input, string? defaultCountry = "US", string? existingNumber = null)
    {
        var result = PhoneNumberRules.Validate(input, defaultCountry, existingNumber);
        Assert.False(result.IsOk);
        Assert.Equal(ProblemTypes.Validation, result.Problem.Type);
        Assert.Equal(400, result.Problem.Status);
        return result.Problem.Errors!;
    }

    [Fact]
    public void ValidCreateIsNormalised()
    {
        var valid = Valid(Good with { DisplayName = "  Main office  ", Timezone = " America/Los_Angeles " });

        Assert.Equal(new ValidPhoneInput(Existing, "Main office", null, "America/Los_Angeles", null, null), valid);
    }

    [Fact]
    public void IsActiveAndIsPrimaryArePassedThrough()
    {
        var valid = Valid(Good with { IsActive = true, IsPrimary = true });

        Assert.True(valid.IsActive);
        Assert.True(valid.IsPrimary);
    }

    [Fact]
    public void EveryBadFieldIsNamedAtOnce()
    {
        var input = new PhoneNumberInput
        {
            PhoneNumber = "not a number",
            DisplayName = " ",
            Timezone = "Mars/Olympus_Mons",
            Address = new Address { Line1 = null, Line2 = new string('x', 201), Country = "ZZ" },
            IsActive = false,
            IsPrimary = true,
        };

        var errors = Invalid(input);

        Assert.Equal(
            ["address.country", "address.line1", "address.line2", "displayName", "isPrimary", "phoneNumber", "timezone"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EmptyBodyNamesEveryRequiredField()
    {
        var errors = Invalid(new PhoneNumberInput());

        Assert.Equal(["displayName", "phoneNumber", "timezone"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Equal(["Required."], messages));
    }

    [Fact]
    public void DisplayNameOfExactlyMaxLengthIsAccepted()
    {
        var name = new string('n', PhoneNumberRules.MaxDisplayNameLength);

        Assert.Equal(name, Valid(Good with { DisplayName = name }).DisplayName);
    }

    [Fact]
    public void DisplayNameOneOverMaxLengthIsRefused()
    {
        var errors = Invalid(Good with { DisplayName = new string('n', PhoneNumberRules.MaxDisplayNameLength + 1) });

        Assert.Equal(["At most 100 characters."], errors["displayName"]);
    }

    [Fact]
    public void DisplayNameLengthIsMeasuredAfterTrimming()
    {
        var name = new string('n', PhoneNumberRules.MaxDisplayNameLength);

        Assert.Equal(name, Valid(Good with { DisplayName = $"   {name}   " }).DisplayName);
    }

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    [InlineData("Etc/GMT+5")]
    public void IanaTimezoneIsAccepted(string timezone) =>
        Assert.Equal(timezone, Valid(Good with { Timezone = timezone }).Timezone);

    [Theory]
    [InlineData("Pacific Standard Time")] // a Windows id, not IANA
    [InlineData("america/new_york")] // IANA ids are case-sensitive
    [InlineData("GMT+5")]
    [InlineData("Mars/Olympus_Mons")]
    public void NonIanaTimezoneIsRefusedWithAnExample(string timezone)
    {
        var errors = Invalid(Good with { Timezone = timezone });

        Assert.Equal([$"'{timezone}' is not an IANA time zone, such as America/New_York."], errors["timezone"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void MissingTimezoneIsRequired(string? timezone) =>
        Assert.Equal(["Required."], Invalid(Good with { Timezone = timezone })["timezone"]);

    [Fact]
    public void LocalNumberWithoutBusinessDefaultCountryNamesPhoneNumber()
    {
        var errors = Invalid(Good, defaultCountry: null);

        Assert.Equal(["phoneNumber"], errors.Keys);
        Assert.Contains("international format", Assert.Single(errors["phoneNumber"]));
    }

    [Fact]
    public void AddressIsTrimmedAndCountryUpperCased()
    {
        var address = new Address
        {
            Line1 = " 1 Market St ",
            Line2 = "   ",
            City = " San Francisco ",
            Region = " CA ",
            PostalCode = " 94105 ",
            Country = " us ",
        };

        var valid = Valid(Good with { Address = address });

        Assert.Equal(
            new Address { Line1 = "1 Market St", Line2 = null, City = "San Francisco", Region = "CA", PostalCode = "94105", Country = "US" },
            valid.Address);
    }

    [Fact]
    public void AddressNeedsLine1AndCountry()
    {
        var errors = Invalid(Good with { Address = new Address { City = "London" } });

        Assert.Equal(["address.country", "address.line1"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("XX")]
    [InlineData("United States")]
    public void AddressCountryMustBeIsoAlpha2(string country)
    {
        var errors = Invalid(Good with { Address = GoodAddress with { Country = country } });

        Assert.Equal(["address.country"], errors.Keys);
    }

    [Fact]
    public void EveryOverlongAddressFieldIsNamed()
    {
        var tooLong = new string('a', PhoneNumberRules.MaxAddressFieldLength + 1);
        var address = new Address { Line1 = tooLong, Line2 = tooLong, City = tooLong, Region = tooLong, PostalCode = tooLong, Country = "US" };

        var errors = Invalid(Good with { Address = address });

        Assert.Equal(
            ["address.city", "address.line1", "address.line2", "address.postalCode", "address.region"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddressFieldsOfExactlyMaxLengthAreAccepted()
    {
        var longest = new string('a', PhoneNumberRules.MaxAddressFieldLength);

        var valid = Valid(Good with { Address = GoodAddress with { Line1 = longest, City = longest } });

        Assert.Equal(longest, valid.Address!.Line1);
    }

    [Fact]
    public void InactivePhoneCannotBeAskedToBePrimary() =>
        Assert.Equal(["isPrimary"], Invalid(Good with { IsActive = false, IsPrimary = true }).Keys);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(null, true)]
    [InlineData(false, null)]
    public void OtherIsActiveAndIsPrimaryCombinationsAreAccepted(bool? isActive, bool? isPrimary) =>
        Valid(Good with { IsActive = isActive, IsPrimary = isPrimary });

    [Fact]
    public void UpdateWithoutNumberKeepsTheExistingNumber() =>
        Assert.Equal(Existing, Valid(Good with { PhoneNumber = null }, existingNumber: Existing).Number);

    [Theory]
    [InlineData("+14155550134", null)]
    [InlineData("+1 (415) 555-0134", null)]
    [InlineData("415.555.0134", "US")]
    [InlineData("001 415 555 0134", "GB")]
    public void UpdateWithTheSameNumberInAnotherFormatIsAccepted(string written, string? defaultCountry) =>
        Assert.Equal(Existing, Valid(Good with { PhoneNumber = written }, defaultCountry, Existing).Number);

    [Fact]
    public void UpdateWithADifferentNumberNamesPhoneNumber()
    {
        var errors = Invalid(Good with { PhoneNumber = "+44 20 7946 0958" }, existingNumber: Existing);

        Assert.Equal(["phoneNumber"], errors.Keys);
        Assert.Contains(Existing, Assert.Single(errors["phoneNumber"]));
    }

    [Fact]
    public void UpdateWithAnInvalidNumberNamesPhoneNumber() =>
        Assert.Equal(["phoneNumber"], Invalid(Good with { PhoneNumber = "abc" }, existingNumber: Existing).Keys);

    [Fact]
    public void UpdateStillValidatesTheOtherFields()
    {
        var errors = Invalid(Good with { PhoneNumber = null, DisplayName = null, Timezone = "Nowhere" }, existingNumber: Existing);

        Assert.Equal(["displayName", "timezone"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
