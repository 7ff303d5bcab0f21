
namespace MultiPhone.Businesses;

internal static class BusinessRules
{
    public const int MaxNameLength = 200;
    public const int MaxWebsiteLength = 2048;
    public const int MinHistoryRetentionDays = 1;
    public const int MaxHistoryRetentionDays = 3650;

    /// <summary>Validates and normalises the body of a business PUT.</summary>
    public static Result<ValidBusiness> Validate(BusinessInput input)
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("name", input.Name, MaxNameLength);
        CompanyProfile? profile = null;
        if (input.CompanyProfile is { } given)
        {
            var website = errors.OptionalText("companyProfile.website", given.Website, MaxWebsiteLength);
            if (website is not null && !IsHttpUrl(website))
            {
                errors.Add("companyProfile.website", "Must be an absolute http or https URL.");
            }
            var country = given.DefaultCountry?.Trim().ToUpperInvariant();
            if (!string.IsNullOrEmpty(country) && !PhoneNumberParser.IsSupportedCountry(country))
            {
                errors.Add("companyProfile.defaultCountry", "Must be an ISO 3166 alpha-2 country code, such as US or GB.");
            }
            profile = new CompanyProfile
            {
                LegalName = errors.OptionalText("companyProfile.legalName", given.LegalName, MaxNameLength),
                Website = website,
                DefaultCountry = string.IsNullOrEmpty(country) ? null : country,
            };
        }
        if (input.HistoryRetentionDays is < MinHistoryRetentionDays or > MaxHistoryRetentionDays)
        {
            errors.Add("historyRetentionDays", $"Must be between {MinHistoryRetentionDays} and {MaxHistoryRetentionDays} days.");
        }
        return errors.Any ? errors.ToProblem() : new ValidBusiness(name!, profile, input.HistoryRetentionDays);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

internal sealed record ValidBusiness(string Name, CompanyProfile? Profile, int? HistoryRetentionDays);
