using MultiPhone.Common;
using MultiPhone.Services;

namespace MultiPhone.UnitTests.Services;

public sealed class ServiceRulesTests
{
    private const string Cleaning = "service-cleaning";
    private const string Whitening = "service-whitening";
    private static readonly HashSet<string> BusinessWide = [Cleaning, Whitening];

    private static ValidServiceInput Valid(ServiceInput input)
    {
        var result = ServiceRules.Validate(input);
        Assert.True(result.IsOk, result.IsOk ? null : string.Join("; ", result.Problem.Errors!.Keys));
        return result.Value;
    }

    private static IReadOnlyDictionary<string, string[]> Invalid(ServiceInput input)
    {
        var result = ServiceRules.Validate(input);
        Assert.False(result.IsOk);
        Assert.Equal(ProblemTypes.Validation, result.Problem.Type);
        return result.Problem.Errors!;
    }

    private static ServiceInput Priced(decimal? amount, string? currency = "USD") =>
        new() { Name = "Cleaning", Price = new PriceInput { Amount = amount, Currency = currency } };

    private static IReadOnlyDictionary<string, string[]> InvalidSwitchedOff(params string?[]? ids)
    {
        var result = ServiceRules.ValidateSwitchedOff(new SwitchedOffInput { BusinessServiceIds = ids }, BusinessWide);
        Assert.False(result.IsOk);
        Assert.Equal(ProblemTypes.Validation, result.Problem.Type);
        return result.Problem.Errors!;
    }

    [Fact]
    public void TextIsTrimmedAndTheCurrencyUpperCased()
    {
        var valid = Valid(new ServiceInput
        {
            Name = " Cleaning ",
            Description = " Scale and polish ",
            DurationMinutes = 45,
            Price = new PriceInput { Amount = 120.5m, Currency = " eur " },
            Bookable = true,
        });

        Assert.Equal(new ValidServiceInput("Cleaning", "Scale and polish", 45, new Price { Amount = 120.5m, Currency = "EUR" }, true), valid);
    }

    [Fact]
    public void OnlyTheNameIsRequired() =>
        Assert.Equal(new ValidServiceInput("Cleaning", null, null, null, null), Valid(new ServiceInput { Name = "Cleaning", Description = " " }));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void NameIsRequired(string? name) =>
        Assert.Equal(["Required."], Invalid(new ServiceInput { Name = name })["name"]);

    [Fact]
    public void NameAndDescriptionOfExactlyMaxLengthAreAccepted() =>
        Valid(new ServiceInput { Name = new string('n', ServiceRules.MaxNameLength), Description = new string('d', ServiceRules.MaxDescriptionLength) });

    [Fact]
    public void NameAndDescriptionOverMaxLengthAreRefused() =>
        Assert.Equal(
            ["description", "name"],
            Invalid(new ServiceInput { Name = new string('n', ServiceRules.MaxNameLength + 1), Description = new string('d', ServiceRules.MaxDescriptionLength + 1) })
                .Keys.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData(ServiceRules.MinDurationMinutes)]
    [InlineData(ServiceRules.MaxDurationMinutes)]
    public void DurationAtItsLimitsIsAccepted(int minutes) =>
        Assert.Equal(minutes, Valid(new ServiceInput { Name = "Cleaning", DurationMinutes = minutes }).DurationMinutes);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(ServiceRules.MaxDurationMinutes + 1)]
    public void DurationOutsideItsLimitsIsRefused(int minutes) =>
        Assert.Equal(["Must be from 1 to 1440 minutes."], Invalid(new ServiceInput { Name = "Cleaning", DurationMinutes = minutes })["durationMinutes"]);

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("19.9")]
    [InlineData("19.90")]
    [InlineData("19.900")]
    [InlineData("1000000")]
    [InlineData("1000000.00")]
    public void AmountsFromZeroToTheMaximumWithAtMostTwoDecimalsAreAccepted(string amount) =>
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Valid(Priced(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))).Price!.Amount);

    [Theory]
    [InlineData("-0.01", "Must be from 0 to 1000000.")]
    [InlineData("1000000.01", "Must be from 0 to 1000000.")]
    [InlineData("0.001", "At most 2 decimals.")]
    [InlineData("19.999", "At most 2 decimals.")]
    public void AmountsOutsideTheRangeOrWithMoreDecimalsAreRefused(string amount, string message) =>
        Assert.Equal([message], Invalid(Priced(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)))["price.amount"]);

    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("GBP")]
    [InlineData("JPY")]
    [InlineData("INR")]
    [InlineData("chf")]
    public void KnownIso4217CurrenciesAreAccepted(string currency) =>
        Assert.Equal(currency.ToUpperInvariant(), Valid(Priced(10, currency)).Price!.Currency);

    [Theory]
    [InlineData("XYZ")]
    [InlineData("US")]
    [InlineData("USDT")]
    [InlineData("$")]
    [InlineData("¤¤")]
    [InlineData("dollars")]
    public void UnknownCurrenciesAreRefused(string currency) =>
        Assert.Equal(["Must be an ISO 4217 currency code, such as USD or EUR."], Invalid(Priced(10, currency))["price.currency"]);

    [Fact]
    public void APriceNeedsBothAmountAndCurrency() =>
        Assert.Equal(["price.amount", "price.currency"], Invalid(Priced(null, " ")).Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void EveryBadFieldIsNamedAtOnce() =>
        Assert.Equal(
            ["description", "durationMinutes", "name", "price.amount", "price.currency"],
            Invalid(new ServiceInput
            {
                Name = "",
                Description = new string('d', ServiceRules.MaxDescriptionLength + 1),
                DurationMinutes = 0,
                Price = new PriceInput { Amount = -1, Currency = "ABC" },
            }).Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void SwitchedOffIdsAreTrimmed()
    {
        var result = ServiceRules.ValidateSwitchedOff(new SwitchedOffInput { BusinessServiceIds = [$" {Whitening} ", Cleaning] }, BusinessWide);

        Assert.True(result.IsOk);
        Assert.Equal([Whitening, Cleaning], result.Value);
    }

    [Fact]
    public void AnEmptySwitchedOffListIsValid() =>
        Assert.Empty(ServiceRules.ValidateSwitchedOff(new SwitchedOffInput { BusinessServiceIds = [] }, BusinessWide).Value!);

    [Fact]
    public void AMissingSwitchedOffListIsRequired() =>
        Assert.Equal(["businessServiceIds"], InvalidSwitchedOff(null).Keys);

    [Fact]
    public void ASwitchedOffListOverMaxLengthIsRefusedAsAWhole() =>
        Assert.Equal(["businessServiceIds"], InvalidSwitchedOff(Enumerable.Repeat(Cleaning, ServiceRules.MaxSwitchedOff + 1).ToArray()).Keys);

    [Fact]
    public void EveryBadSwitchedOffEntryIsNamedByItsIndex()
    {
        var errors = InvalidSwitchedOff(Cleaning, null, " ", "phone-own-or-unknown", Cleaning, Whitening);

        Assert.Equal(
            ["businessServiceIds[1]", "businessServiceIds[2]", "businessServiceIds[3]", "businessServiceIds[4]"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["No business-wide service of this business has this id."], errors["businessServiceIds[3]"]);
        Assert.Equal(["Already in the list."], errors["businessServiceIds[4]"]);
    }

    [Fact]
    public void ServiceIdsToLookUpAreTrimmedDistinctAndNonBlank() =>
        Assert.Equal(
            [Cleaning, Whitening],
            ServiceRules.ServiceIdsOf(new SwitchedOffInput { BusinessServiceIds = [Cleaning, $" {Cleaning} ", null, "", Whitening] }));

    [Fact]
    public void NoServiceIdsAreLookedUpForAListThatIsTooLong() =>
        Assert.Empty(ServiceRules.ServiceIdsOf(new SwitchedOffInput { BusinessServiceIds = Enumerable.Repeat(Cleaning, ServiceRules.MaxSwitchedOff + 1).ToArray() }));
}
