namespace MultiPhone.Common;

/// <summary>What a layer is validated against: the business's country reads local phone numbers.</summary>
public sealed record SectionContext(string? DefaultCountry);

/// <summary>
/// A settings section (voice, rules, hours, sms). Its type carries all three layers: every property is optional so
/// an override or a business default can leave any field to the layer below.
/// </summary>
public interface ISettingsSection<TSelf> where TSelf : class, ISettingsSection<TSelf>
{
    /// <summary>The section's name in routes and documents: voice, rules, hours, sms.</summary>
    static abstract string Name { get; }

    /// <summary>The system fallback: every field defined (null where "none" is the fallback).</summary>
    static abstract TSelf SystemDefault { get; }

    /// <summary>Checks the fields present in one layer, naming each bad one; returns the layer normalised (E.164, trimmed).</summary>
    static abstract TSelf Normalize(TSelf layer, SectionContext context, FieldErrors errors);

    /// <summary>Rules across fields, checked on the effective value a layer produces (e.g. a transfer needs a number).</summary>
    static virtual void CheckEffective(TSelf effective, FieldErrors errors)
    {
    }
}
