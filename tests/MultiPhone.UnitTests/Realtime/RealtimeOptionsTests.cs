using System.ComponentModel.DataAnnotations;
using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.Realtime;

public sealed class RealtimeOptionsTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Empty(Errors(new RealtimeOptions()));

    [Fact]
    public void AQuietFeedMayNotBeAskedMoreOftenThanABusyOne() =>
        Assert.Equal([nameof(RealtimeOptions.MaxPollInterval)],
            Errors(new RealtimeOptions { PollInterval = TimeSpan.FromSeconds(2), MaxPollInterval = TimeSpan.FromSeconds(1) }).SelectMany(e => e.MemberNames));

    [Fact]
    public void TheLeasesKeepTheSdkDefaultsAndTheirProportionsWhenShortened()
    {
        var defaults = new RealtimeOptions();
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(17), TimeSpan.FromSeconds(13)),
            (defaults.LeaseExpiration, defaults.LeaseRenewInterval, defaults.LeaseAcquireInterval));
        var shorter = new RealtimeOptions { LeaseExpiration = TimeSpan.FromSeconds(30) };
        Assert.Equal((TimeSpan.FromSeconds(8.5), TimeSpan.FromSeconds(6.5)), (shorter.LeaseRenewInterval, shorter.LeaseAcquireInterval));
    }

    private static List<ValidationResult> Errors(RealtimeOptions options)
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return errors;
    }
}
