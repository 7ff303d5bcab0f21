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

    private static List<ValidationResult> Errors(RealtimeOptions options)
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return errors;
    }
}
