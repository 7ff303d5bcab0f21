using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiPhone.Businesses;
using MultiPhone.Common;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
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
    IReadOnlyList<PhoneService> Services)
{
    [JsonIgnore]
    public DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb[Phone.Timezone];

    public AgentConfiguration At(Instant at)
    {
        var status = HoursCalculator.Evaluate(Hours.Effective, Zone, at);
        return new AgentConfiguration(Version, Phone, Business, Voice, Rules, Hours, Sms, TransferStaff, Services,
            status.OpenNow, status.NextChangeAt?.ToDateTimeOffset(), at.ToDateTimeOffset());
    }
}

/// <summary>Reads a phone's configuration from the stores, uncached.</summary>
public sealed class AgentConfigSource(
    PhoneNumberService phones,
    BusinessStore businesses,
    SettingsService settings,
    PhoneStaffService staff,
    ServiceCatalog services)
{
    public async Task<Result<AgentSnapshot>> LoadAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.GetAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        var business = businesses.GetAsync(businessId, ct);
        var sections = settings.ResolveAllAsync(businessId, phoneId, ct);
        var transfers = staff.TransferTargetsAsync(businessId, phoneId, ct);
        var offered = services.ForPhoneAsync(businessId, phoneId, ct);
        if (await business is not { } found)
        {
            return BusinessService.NotFound(businessId);
        }
        var resolved = await sections;
        var p = phone.Value.Phone;
        var snapshot = new AgentSnapshot(
            Version: "",
            new AgentPhone(p.Id, p.Number, p.DisplayName, p.Address, p.Timezone, p.IsActive, phone.Value.IsPrimary),
            new AgentBusiness(found.Item.Id, found.Item.Name),
            Resolve(resolved.Voice),
            Resolve(resolved.Rules),
            Resolve(resolved.Hours),
            Resolve(resolved.Sms),
            await transfers,
            await offered);
        // The version is derived from the content, so it changes exactly when something an agent sees changes.
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(snapshot, ApiJson.Options));
        return snapshot with { Version = Convert.ToHexStringLower(hash.AsSpan(0, 12)) };
    }

    /// <summary>Which business and phone answer on a number; null when none does.</summary>
    public async Task<Result<(string BusinessId, string PhoneId)>> FindNumberAsync(string e164, CancellationToken ct)
    {
        var found = await phones.FindByNumberAsync(e164, ct);
        return found.IsOk ? (found.Value.Phone.BusinessId, found.Value.Phone.Id) : found.Problem;
    }

    private static ResolvedSection<T> Resolve<T>(SectionView<T> view) where T : class, ISettingsSection<T> => new(view.Effective, view.Sources);
}
