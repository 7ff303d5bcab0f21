using System.Text.Json.Nodes;
using MultiPhone.Cosmos;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.Migration;

public enum VerificationOutcomeKind
{
    /// <summary>The business is as the migration promises: migrated correctly, or rightly left as it was.</summary>
    Passed,

    /// <summary>Something is wrong; the reason lists every finding.</summary>
    Failed,

    /// <summary>Not a legacy business (created through v2), or gone.</summary>
    Skipped,
}

public sealed record VerificationOutcome(string BusinessId, VerificationOutcomeKind Kind, string? Reason = null);

/// <summary>
/// Checks one business against what the migration promises. A business it migrated: its legacy number is exactly one
/// ready phone, reserved for that phone in the index; every phone's index entry names it and the other way round;
/// exactly one primary, named and ready; the slot count covers the phones; the hours are on the phone; the primary's
/// effective voice, rules, hours and SMS equal the legacy values; and what the migration created was written once. A
/// business it did not migrate: its number was missing, unreadable or another's, and nothing was written for it.
/// </summary>
public sealed class LegacyVerifier(LegacyStore legacy, LegacyMigrator migrator, PhoneNumberStore phones, SettingsStore settings)
{
    public async Task<VerificationOutcome> VerifyAsync(string businessId, CancellationToken ct)
    {
        var document = await legacy.ReadAsync(businessId, ct);
        if (document is null)
        {
            return new(businessId, VerificationOutcomeKind.Skipped, "The business no longer exists.");
        }
        if (document.Business is not { } business)
        {
            return await UntouchedAsync(businessId, document.Unreadable!, ct);
        }
        if (!business.HasLegacyFields)
        {
            return new(businessId, VerificationOutcomeKind.Skipped, "Not a legacy business.");
        }
        var plan = LegacyMigrationRules.Plan(business, out _);
        if (business.Migration is null)
        {
            if (!plan.IsOk)
            {
                return await UntouchedAsync(businessId, LegacyMigrator.Describe(plan.Problem), ct);
            }
            return await migrator.HolderElsewhereAsync(businessId, plan.Value, ct) is { } holder
                ? await UntouchedAsync(businessId, holder, ct)
                : new(businessId, VerificationOutcomeKind.Failed, $"Not migrated, although its number {plan.Value.Phone.Number} is valid and free.");
        }
        if (!plan.IsOk)
        {
            return new(businessId, VerificationOutcomeKind.Failed, "Migrated, but its legacy data no longer reads: " + LegacyMigrator.Describe(plan.Problem));
        }
        var findings = await CheckMigratedAsync(business, business.Migration, plan.Value, ct);
        return findings.Count == 0
            ? new(businessId, VerificationOutcomeKind.Passed)
            : new(businessId, VerificationOutcomeKind.Failed, string.Join(" ", findings));
    }

    private async Task<VerificationOutcome> UntouchedAsync(string businessId, string why, CancellationToken ct) =>
        await phones.GetAsync(businessId, LegacyMigrationRules.PhoneIdOf(businessId), ct) is null
            ? new(businessId, VerificationOutcomeKind.Passed, "Left as it was: " + why)
            : new(businessId, VerificationOutcomeKind.Failed, $"Not migrated ({why}), yet a phone was written for its legacy number.");

    private async Task<List<string>> CheckMigratedAsync(LegacyBusiness business, LegacyMigrationRecord record, MigrationPlan plan, CancellationToken ct)
    {
        var findings = new List<string>();
        var number = plan.Phone.Number;
        var ready = (await phones.ListAsync(business.Id, ct)).Where(p => p.Item.State == PhoneState.Ready).Select(p => p.Item).ToList();
        var withNumber = ready.Where(p => p.Number == number).ToList();
        if (withNumber is not [{ } phone] || phone.Id != plan.PhoneId || record.PhoneId != plan.PhoneId)
        {
            findings.Add($"Expected exactly one ready phone {plan.PhoneId} with {number}; found [{string.Join(", ", withNumber.Select(p => p.Id))}].");
        }
        foreach (var each in ready)
        {
            if (await phones.GetIndexAsync(each.Number, ct) is not { Item: var entry } || entry.BusinessId != business.Id || entry.PhoneId != each.Id)
            {
                findings.Add($"The index entry of {each.Number} does not name phone {each.Id}.");
            }
        }
        if (await phones.GetIndexAsync(number, ct) is { Item: var legacyEntry } && !ready.Any(p => p.Id == legacyEntry.PhoneId && p.Number == number))
        {
            findings.Add($"The index entry of {number} names phone {legacyEntry.PhoneId}, which is not a ready phone of the business with that number.");
        }
        if (business.PrimaryPhoneId is not { } primary || !ready.Any(p => p.Id == primary))
        {
            findings.Add($"The business names primary '{business.PrimaryPhoneId}', which is not one of its ready phones.");
        }
        if (business.PhoneSlotsTaken < ready.Count)
        {
            findings.Add($"{business.PhoneSlotsTaken} slots are counted for {ready.Count} phones.");
        }
        if (business.PrimaryPhoneId == plan.PhoneId)
        {
            await CompareAsync(business.Id, plan.PhoneId, plan.Voice, record, findings, ct);
            await CompareAsync(business.Id, plan.PhoneId, plan.Rules, record, findings, ct);
            await CompareAsync(business.Id, plan.PhoneId, plan.Sms, record, findings, ct);
            await CompareAsync(business.Id, plan.PhoneId, plan.Hours, record, findings, ct);
        }
        if (plan.Hours is not null && await settings.GetAsync(business.Id, plan.PhoneId, OperatingHours.Name, ct) is null)
        {
            findings.Add("The legacy hours are not on the phone.");
        }
        return findings;
    }

    /// <summary>The primary's effective section against the legacy one over the system fallback, and the layer the migration wrote.</summary>
    private async Task CompareAsync<T>(string businessId, string phoneId, T? legacyLayer, LegacyMigrationRecord record, List<string> findings, CancellationToken ct)
        where T : class, ISettingsSection<T>
    {
        var defaults = await settings.GetAsync(businessId, SectionDocument.DefaultsScope, T.Name, ct);
        var own = await settings.GetAsync(businessId, phoneId, T.Name, ct);
        var actual = SettingsMerge.Merge(SectionJson<T>.SystemLayer, defaults?.Item.Value, own?.Item.Value).Effective;
        var expected = SettingsMerge.Merge(SectionJson<T>.SystemLayer, SectionJson<T>.ToJson(legacyLayer), null).Effective;
        if (!JsonNode.DeepEquals(actual, expected))
        {
            findings.Add($"The primary's effective {T.Name} settings differ from the legacy ones.");
        }
        // Where the migration wrote the section (hours on the phone, the rest as defaults), it wrote it once.
        var written = T.Name == OperatingHours.Name ? own : defaults;
        if (legacyLayer is not null && written is { Item: var layer } && layer.Version != 1 && layer.UpdatedAt <= record.MigratedAt)
        {
            findings.Add($"The {T.Name} layer the migration wrote has version {layer.Version}.");
        }
    }
}
