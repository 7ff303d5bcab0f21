using Microsoft.Extensions.Options;
using MultiPhone.Businesses;
using MultiPhone.Functions.Auth;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Functions.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo business and its locations at start when they are missing (local development only).</summary>
    public bool Seed { get; set; }

    /// <summary>Where to write ready-to-use tokens for the demo business, one per role.</summary>
    public string? TokensFile { get; set; }
}

/// <summary>A demo business with three locations, created through the same services the API uses.</summary>
internal sealed partial class DemoData(
    BusinessService businesses,
    PhoneNumberService phones,
    PhoneNumberCreation creation,
    TokenIssuer tokens,
    IOptions<DemoOptions> options,
    ILogger<DemoData> logger) : IHostedService
{
    public const string BusinessId = "demo-dental";

    private static readonly PhoneNumberInput[] Locations =
    [
        new() { PhoneNumber = "(415) 555-0134", DisplayName = "Harbor Dental - Downtown", Timezone = "America/Los_Angeles",
            Address = new Address { Line1 = "100 Market St", City = "San Francisco", Region = "CA", PostalCode = "94105", Country = "US" } },
        new() { PhoneNumber = "(510) 555-0178", DisplayName = "Harbor Dental - Oakland", Timezone = "America/Los_Angeles",
            Address = new Address { Line1 = "200 Broadway", City = "Oakland", Region = "CA", PostalCode = "94607", Country = "US" } },
        new() { PhoneNumber = "(212) 555-0199", DisplayName = "Harbor Dental - Manhattan", Timezone = "America/New_York",
            Address = new Address { Line1 = "300 Park Ave", City = "New York", Region = "NY", PostalCode = "10022", Country = "US" } },
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }
        if (!(await businesses.GetAsync(BusinessId, cancellationToken)).IsOk)
        {
            await businesses.PutAsync(BusinessId, new BusinessInput("Harbor Dental", new CompanyProfile
            {
                LegalName = "Harbor Dental Group LLC",
                Website = "https://harbor-dental.example",
                DefaultCountry = "US",
            }), ifMatch: null, cancellationToken);
        }
        var existing = await phones.ListAsync(BusinessId, active: null, cancellationToken);
        if (existing.IsOk && existing.Value.Count == 0)
        {
            foreach (var location in Locations)
            {
                await creation.CreateAsync(BusinessId, location, beforeReady: null, cancellationToken);
            }
            LogSeeded(logger, BusinessId, Locations.Length);
        }
        if (options.Value.TokensFile is { Length: > 0 } path)
        {
            await WriteTokensAsync(path, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WriteTokensAsync(string path, CancellationToken ct)
    {
        var lines = new List<string> { $"# Local-only demo tokens for business '{BusinessId}'. Use as: Authorization: Bearer <token>" };
        foreach (var role in Enum.GetValues<BusinessRole>())
        {
            var name = role.ToString().ToLowerInvariant();
            lines.Add($"{name}={tokens.Issue($"demo-{name}", [(BusinessId, role)], [])}");
        }
        foreach (var platformRole in PlatformRoles.All)
        {
            lines.Add($"{platformRole}={tokens.Issue($"demo-{platformRole}", [], [platformRole])}");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllLinesAsync(path, lines, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo business {BusinessId} with {Count} locations")]
    private static partial void LogSeeded(ILogger logger, string businessId, int count);
}

public static class DemoDataRegistration
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        return services.AddHostedService<DemoData>();
    }
}
