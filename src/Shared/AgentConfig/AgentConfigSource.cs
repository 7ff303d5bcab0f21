using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.ScheduledChanges;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;
using NodaTime;

namespace MultiPhone.AgentConfig;

/// <summary>A phone's configuration without what depends on the time of the call.</summary>
public sealed record AgentSnapshot(
    string Version,
    AgentPhone Phone,
    AgentBusiness Business,
    ResolvedSection<VoiceSettings> Voice,
    ResolvedSection<ConversationRules> Rules,
    ResolvedSection<OperatingHours> Hours,
    ResolvedSection<SmsSettings> Sms,
    IReadOnlyList<TransferTarget> TransferStaff,
    IReadOnlyList<PhoneService> Services,
    Dictionary<string, JsonElement>? OtherSections)
{
    [JsonIgnore]
    public DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb[Phone.Timezone];

    public AgentConfiguration At(Instant at)
    {
        var status = HoursCalculator.Evaluate(Hours.Effective, Zone, at);
        return new AgentConfiguration(Version, Phone, Business, Voice, Rules, Hours, Sms, TransferStaff, Services,
            status.OpenNow, status.NextChangeAt?.ToDateTimeOffset(), at.ToDateTimeOffset())
        {
            OtherSections = OtherSections,
        };
    }
}

/// <summary>What every phone of a business shares: read once per business, not once per phone.</summary>
/// <param name="Sections">The registered sections <paramref name="Defaults"/> and the phones' overrides resolve into.</param>
public sealed record BusinessPart(
    Business Business,
    string? PrimaryPhoneId,
    SettingsSections Sections,
    IReadOnlyList<SectionDocument> Defaults,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<Service> Services);

/// <summary>What belongs to one phone alone.</summary>
public sealed record PhonePart(
    PhoneNumber Phone,
    IReadOnlyList<SectionDocument> Overrides,
    PhoneStaffAssignments? Assignments,
    PhoneServiceSelection? Selection,
    IReadOnlyList<Service> OwnServices);

/// <summary>Reads the parts of phones' configurations from the stores, uncached, and puts them together.</summary>
public sealed class AgentConfigSource(
    PhoneNumberService phones,
    PhoneNumberStore phoneStore,
    BusinessStore businesses,
    SettingsStore settings,
    SettingsSections sections,
    StaffStore staff,
    ServiceStore services)
{
    /// <summary>
    /// Which business and phone a number is reserved for: one point read of the index. Whether that phone exists and
    /// is ready is for <see cref="LoadPhoneAsync"/> to find out, which it does anyway.
    /// </summary>
    public async Task<Result<(string BusinessId, string PhoneId)>> FindNumberAsync(string e164, CancellationToken ct) =>
        await phoneStore.GetIndexAsync(e164, ct) is { } entry
            ? (entry.Item.BusinessId, entry.Item.PhoneId)
            : Problem.NotFound($"No phone answers on {e164}.");

    public async Task<Result<BusinessPart>> LoadBusinessAsync(string businessId, CancellationToken ct)
    {
        if (await businesses.GetAsync(businessId, ct) is not { } business)
        {
            return BusinessService.NotFound(businessId);
        }
        var primary = phones.ResolvePrimaryAsync(business.Item, ct);
        var defaults = settings.ListScopeAsync(businessId, SectionDocument.DefaultsScope, ct);
        var members = staff.ListAsync(businessId, ct);
        var offered = services.ListBusinessWideAsync(businessId, ct);
        return new BusinessPart(
            business.Item,
            await primary,
            sections,
            [.. (await defaults).Select(d => d.Item)],
            [.. (await members).Select(m => m.Item)],
            await offered);
    }

    public async Task<Result<PhonePart>> LoadPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        if (await phoneStore.GetAsync(businessId, phoneId, ct) is not { Item.State: PhoneState.Ready } phone)
        {
            return PhoneNumberService.NotFound(phoneId);
        }
        var overrides = settings.ListScopeAsync(businessId, phoneId, ct);
        var assignments = staff.GetAssignmentsAsync(businessId, phoneId, ct);
        var selection = services.GetSelectionAsync(businessId, phoneId, ct);
        var own = services.ListOwnAsync(businessId, phoneId, ct);
        return new PhonePart(
            phone.Item,
            [.. (await overrides).Select(d => d.Item)],
            (await assignments)?.Item,
            (await selection)?.Item,
            await own);
    }

    /// <summary>One phone's configuration from its parts; its version is a hash of the content.</summary>
    public static AgentSnapshot Compose(BusinessPart business, PhonePart phone)
    {
        var p = phone.Phone;
        var sections = business.Sections.ResolveAll(business.Defaults, phone.Overrides);
        var others = sections.Where(s => !AgentConfiguration.TypedSections.Contains(s.Key)).ToList();
        var snapshot = new AgentSnapshot(
            Version: "",
            new AgentPhone(p.Id, p.Number, p.DisplayName, p.Address, p.Timezone, p.IsActive, business.PrimaryPhoneId == p.Id),
            new AgentBusiness(business.Business.Id, business.Business.Name),
            Typed<VoiceSettings>(sections),
            Typed<ConversationRules>(sections),
            Typed<OperatingHours>(sections),
            Typed<SmsSettings>(sections),
            PhoneStaffService.TransferTargets(phone.Assignments, business.Staff),
            ServiceCatalog.Offered([.. business.Services, .. phone.OwnServices], phone.Selection).Items,
            others.Count == 0 ? null : others.ToDictionary(s => s.Key, s => JsonSerializer.SerializeToElement(s.Value, ApiJson.Options)));
        // Derived from the content, the version changes exactly when something an agent sees changes.
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(snapshot, ApiJson.Options));
        return snapshot with { Version = Convert.ToHexStringLower(hash.AsSpan(0, 12)) };
    }

    /// <summary>The phone's configuration as the pending scheduled changes due by the preview's instant will leave it.</summary>
    public static AgentSnapshot Compose(BusinessPart business, PhonePart phone, PreviewAt pending)
    {
        var businessId = business.Business.Id;
        var phoneId = phone.Phone.Id;
        List<SectionDocument> Layers(Func<SettingsSection, SectionDocument?> layer) => [.. business.Sections.All.Select(layer).OfType<SectionDocument>()];
        return Compose(
            business with { Defaults = Layers(s => pending.Defaults(business.Defaults.FirstOrDefault(d => d.Section == s.Name), businessId, s.Name, phoneId)) },
            phone with
            {
                Phone = pending.Details(phone.Phone),
                Overrides = Layers(s => pending.Phone(phone.Overrides.FirstOrDefault(d => d.Section == s.Name), businessId, s.Name, phoneId)),
            });
    }

    private static ResolvedSection<T> Typed<T>(IReadOnlyDictionary<string, JsonObject> sections) where T : class, ISettingsSection<T> =>
        sections[T.Name].Deserialize<ResolvedSection<T>>(ApiJson.Options)!;
}
