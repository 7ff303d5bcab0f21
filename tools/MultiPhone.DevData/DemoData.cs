using Microsoft.Extensions.Options;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Demo;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;
using MultiPhone.Subscriptions;

namespace MultiPhone.DevData;

/// <summary>
/// A demo business with three locations and a little of everything, created through the same services the API uses,
/// when the app starts with <c>Demo:Seed</c> on; and ready-to-use tokens for it in <c>Demo:TokensFile</c>.
/// </summary>
internal sealed partial class DemoData(
    BusinessService businesses,
    PhoneNumberService phones,
    PhoneNumberCreation creation,
    SubscriptionService subscriptions,
    SettingsService settings,
    StaffService staff,
    PhoneStaffService phoneStaff,
    ServiceCatalog services,
    TokenIssuer tokens,
    IOptions<DemoOptions> options,
    ILogger<DemoData> logger) : IHostedService
{
    private const string BusinessId = DemoSignIn.BusinessId;

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
        using var author = ChangeAuthor.As(new Author(AuthorKind.System, "demo"));
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
            await SeedAsync(cancellationToken);
            LogSeeded(logger, BusinessId, Locations.Length);
        }
        if (options.Value.TokensFile is { Length: > 0 } path)
        {
            await WriteTokensAsync(path, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Defaults in every section, staff, services, and a location that overrides some of it.</summary>
    private async Task SeedAsync(CancellationToken ct)
    {
        await subscriptions.PutAsync(BusinessId, new SubscriptionInput { Plan = SubscriptionPlan.Growth }, "*", byOperations: false, ct);
        await settings.PutAsync(BusinessId, null, new VoiceSettings
        {
            AgentName = "Ava",
            Greeting = "Thanks for calling Harbor Dental, this is Ava. How can I help you today?",
            TransferNumber = "+14155550100",
        }, "*", ct);
        await settings.PutAsync(BusinessId, null, new OperatingHours
        {
            Weekly = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(day => new WeeklyPeriod { Day = day, Open = "08:00", Close = "18:00" })],
            Holidays = [new SpecialDay { Date = "2026-12-24", EndDate = "2026-12-26", Label = "Christmas", Closed = true }],
        }, "*", ct);
        await settings.PutAsync(BusinessId, null, new SmsSettings { Signature = "Harbor Dental" }, "*", ct);
        var dentist = await staff.CreateAsync(BusinessId, new StaffInput { Name = "Dr. Maya Lee", Phone = "(415) 555-0110" }, ct);
        await services.CreateAsync(BusinessId, null, new ServiceInput { Name = "Check-up and cleaning", DurationMinutes = 60, Bookable = true, Price = new PriceInput { Amount = 120m, Currency = "USD" } }, ct);
        await services.CreateAsync(BusinessId, null, new ServiceInput { Name = "Whitening", DurationMinutes = 90, Bookable = true, Price = new PriceInput { Amount = 350m, Currency = "USD" } }, ct);
        foreach (var location in Locations)
        {
            var created = await creation.CreateAsync(BusinessId, location, beforeReady: null, ct);
            if (created.IsOk && dentist.IsOk)
            {
                await phoneStaff.ReplaceAsync(BusinessId, created.Value.Phone.Id, new PhoneStaffInput
                {
                    Assignments = [new StaffAssignmentInput { StaffId = dentist.Value.Id, Role = "Dentist", AcceptsTransfers = true }],
                }, "*", ct);
            }
            if (created.IsOk && location.Timezone == "America/New_York")
            {
                // The Manhattan office keeps later hours than the business default.
                await settings.PutAsync(BusinessId, created.Value.Phone.Id, new OperatingHours
                {
                    Weekly = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                        .Select(day => new WeeklyPeriod { Day = day, Open = "10:00", Close = "20:00" })],
                }, "*", ct);
            }
        }
    }

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
