using MultiPhone.Businesses;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;

namespace MultiPhone.AgentConfig;

/// <summary>
/// What a changed document makes stale in the agent-configuration cache, so a voice agent asking after a change gets
/// the new configuration as soon as this instance has seen the change (MaxStaleness stays the bound otherwise).
/// </summary>
public sealed class AgentConfigInvalidation(AgentConfigCache cache) : IChangeObserver
{
    /// <summary>Every container whose documents a configuration is made of.</summary>
    public static readonly string[] Containers =
    [
        BusinessStore.Definition.Name, PhoneNumberStore.PhonesDefinition.Name, PhoneNumberStore.IndexDefinition.Name,
        SettingsStore.Definition.Name, StaffStore.StaffDefinition.Name, StaffStore.AssignmentsDefinition.Name,
        ServiceStore.ServicesDefinition.Name, ServiceStore.SelectionsDefinition.Name,
    ];

    IReadOnlyList<string> IChangeObserver.Containers => Containers;

    public void Apply(ChangedDocument change)
    {
        var container = change.Container;
        var businessId = change.BusinessId;
        if (container == PhoneNumberStore.IndexDefinition.Name)
        {
            cache.ForgetNumber(change.Id);
        }
        else if (container == PhoneNumberStore.PhonesDefinition.Name)
        {
            // The primary is worked out among the business's phones, which this phone is one of.
            cache.ForgetPhone(businessId, change.Id);
            cache.ForgetBusiness(businessId);
        }
        else if (container == SettingsStore.Definition.Name)
        {
            var scope = change.Json.GetProperty("scope").GetString()!;
            Forget(businessId, scope == SectionDocument.DefaultsScope ? null : scope);
        }
        else if (container == ServiceStore.ServicesDefinition.Name)
        {
            Forget(businessId, change.Json.TryGetProperty("phoneId", out var phone) ? phone.GetString() : null);
        }
        else if (container == StaffStore.AssignmentsDefinition.Name || container == ServiceStore.SelectionsDefinition.Name)
        {
            cache.ForgetPhone(businessId, change.Id);
        }
        else if (container == BusinessStore.Definition.Name || container == StaffStore.StaffDefinition.Name)
        {
            cache.ForgetBusiness(businessId);
        }
    }

    private void Forget(string businessId, string? phoneId)
    {
        if (phoneId is null)
        {
            cache.ForgetBusiness(businessId);
        }
        else
        {
            cache.ForgetPhone(businessId, phoneId);
        }
    }
}
