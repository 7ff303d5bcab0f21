using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.Realtime;

public sealed class ChannelTests
{
    [Theory]
    [InlineData("business:x\n")]
    [InlineData("phone:p-1:voice\n")]
    [InlineData("business:x\r\n")]
    [InlineData("business:x ")]
    public void AChannelWithAnythingAfterItIsNoChannel(string text) => Assert.False(Channel.TryParse(text, out _));

    [Theory]
    [InlineData("business:x", ChannelKind.Business)]
    [InlineData("phone:p-1:hours", ChannelKind.PhoneHours)]
    public void TheSeedsChannelsParse(string text, ChannelKind kind)
    {
        Assert.True(Channel.TryParse(text, out var channel));
        Assert.Equal((kind, text), (channel.Value.Kind, channel.Value.ToString()));
    }
}
