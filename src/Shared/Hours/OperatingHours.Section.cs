
namespace MultiPhone.Hours;

/// <summary>Operating hours as one of a phone's settings sections, inheriting from the business default hours.</summary>
public sealed partial record OperatingHours : ISettingsSection<OperatingHours>
{
    public static string Name => "hours";

    public static OperatingHours Normalize(OperatingHours layer, SectionContext context, FieldErrors errors)
    {
        HoursRules.Validate(layer, errors);
        return layer;
    }
}
