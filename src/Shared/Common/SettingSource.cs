namespace MultiPhone.Common;

/// <summary>Which layer an effective value came from.</summary>
public enum SettingSource
{
    System,
    Business,
    Phone,
}
