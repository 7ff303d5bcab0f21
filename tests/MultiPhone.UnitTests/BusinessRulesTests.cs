using MultiPhone.Businesses;
using MultiPhone.Common;

namespace MultiPhone.UnitTests;

public sealed class BusinessRulesTests
{
    private static ValidBusiness Valid(BusinessInput input)
    {
        var result = BusinessRules.Validate(input);
        Assert.True(result.IsOk, result.IsOk ? null : string.Join("; ", result.Problem.Errors!.Keys));
        return result.Value;
    }

    private static IReadOnlyDictionary<string, string[]> Invalid(BusinessInput input)
    {
        var result = BusinessRules.Validate(input);
        Assert.False(result.IsOk);
        Assert.Equal(ProblemTypes.Validation, result.Problem.Type);
        return result.Problem.Errors!;
    }

    private static BusinessInput WithProfile(CompanyProfile profile) => new("Acme", profile);

    [Fact]
    public void NameIsTrimmedAndProfileMayBeOmitted()
    {
        var (name, profile, _) = Valid(new BusinessInput("  Acme Dental  ", null));

        Assert.Equal("Acme Dental", name);
        Assert.Null(profile);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NameIsRequired(string? name) =>
        Assert.Equal(["Required."], Invalid(new BusinessInput(name, null))["name"]);

    [Fact]
    public void NameOfExactlyMaxLengthIsAccepted()
    {
        var name = new string('n', BusinessRules.MaxNameLength);

        Assert.Equal(name, Valid(new BusinessInput(name, null)).Name);
    }

    [Fact]
    public void NameOneOverMaxLengthIsRefused() =>
        Assert.Equal(["At most 200 characters."], Invalid(new BusinessInput(new string('n', BusinessRules.MaxNameLength + 1), null))["name"]);

    [Fact]
    public void LegalNameOneOverMaxLengthIsRefused() =>
        Assert.Equal(
            ["companyProfile.legalName"],
            Invalid(WithProfile(new CompanyProfile { LegalName = new string('n', BusinessRules.MaxNameLength + 1) })).Keys);

    [Theory]
    [InlineData("https://acme.example")]
    [InlineData("http://acme.example/dental?x=1")]
    [InlineData("HTTPS://ACME.EXAMPLE")]
    [InlineData("https://localhost:8080")]
    public void AbsoluteHttpOrHttpsWebsiteIsAccepted(string website) =>
        Assert.Equal(website, Valid(WithProfile(new CompanyProfile { Website = website })).Profile!.Website);

    [Fact]
    public void WebsiteIsTrimmed() =>
        Assert.Equal("https://acme.example", Valid(WithProfile(new CompanyProfile { Website = " https://acme.example " })).Profile!.Website);

    [Theory]
    [InlineData("acme.example")]
    [InlineData("www.acme.example")]
    [InlineData("/about")]
    [InlineData("ftp://acme.example")]
    [InlineData("mailto:info@acme.example")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://")]
    public void WebsiteThatIsNotAnAbsoluteHttpUrlIsRefused(string website) =>
        Assert.Equal(
            ["Must be an absolute http or https URL."],
            Invalid(WithProfile(new CompanyProfile { Website = website }))["companyProfile.website"]);

    [Fact]
    public void WebsiteOverMaxLengthIsRefused()
    {
        var website = "https://acme.example/" + new string('a', BusinessRules.MaxWebsiteLength);

        Assert.Contains("At most 2048 characters.", Invalid(WithProfile(new CompanyProfile { Website = website }))["companyProfile.website"]);
    }

    [Theory]
    [InlineData("us", "US")]
    [InlineData(" gb ", "GB")]
    [InlineData("De", "DE")]
    [InlineData("AU", "AU")]
    public void DefaultCountryIsNormalisedToUpperCase(string given, string expected) =>
        Assert.Equal(expected, Valid(WithProfile(new CompanyProfile { DefaultCountry = given })).Profile!.DefaultCountry);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void BlankDefaultCountryBecomesNull(string? given) =>
        Assert.Null(Valid(WithProfile(new CompanyProfile { DefaultCountry = given })).Profile!.DefaultCountry);

    [Theory]
    [InlineData("USA")]
    [InlineData("XX")]
    [InlineData("U")]
    [InlineData("001")]
    public void UnknownDefaultCountryIsRefused(string given) =>
        Assert.Equal(["companyProfile.defaultCountry"], Invalid(WithProfile(new CompanyProfile { DefaultCountry = given })).Keys);

    [Fact]
    public void BlankProfileFieldsBecomeNull() =>
        Assert.Equal(
            new CompanyProfile(),
            Valid(WithProfile(new CompanyProfile { LegalName = " ", Website = "", DefaultCountry = null })).Profile);

    [Fact]
    public void EveryBadFieldIsNamedAtOnce()
    {
        var input = new BusinessInput(" ", new CompanyProfile
        {
            LegalName = new string('n', 201),
            Website = "acme.example",
            DefaultCountry = "Narnia",
        });

        Assert.Equal(
            ["companyProfile.defaultCountry", "companyProfile.legalName", "companyProfile.website", "name"],
            Invalid(input).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3651)]
    public void HistoryRetentionOutsideOneDayToTenYearsIsRefused(int days) =>
        Assert.Equal(["historyRetentionDays"], Invalid(new BusinessInput("Acme", null, days)).Keys);

    [Fact]
    public void HistoryRetentionWithinBoundsIsKept() =>
        Assert.Equal(30, Valid(new BusinessInput("Acme", null, 30)).HistoryRetentionDays);
}
