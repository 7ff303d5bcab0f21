
namespace MultiPhone.PhoneNumbers;

public sealed class PhoneNumbersOptions
{
    public const string Section = "PhoneNumbers";

    /// <summary>
    /// How long a number reservation whose phone never became ready blocks the number. After that, any create may
    /// take the number over. Longer than any create can take; short enough that a crashed create costs little.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReservationLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cosmos TTL of a pending phone document, so an abandoned create leaves nothing behind in Azure.</summary>
    [Range(60, 604800)]
    public int PendingPhoneTtlSeconds { get; set; } = 86400;
}
