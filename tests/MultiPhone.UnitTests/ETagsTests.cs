using MultiPhone.Common;

namespace MultiPhone.UnitTests;

public sealed class ETagsTests
{
    private const string Current = "\"v3\"";

    [Theory]
    [InlineData("*")]
    [InlineData(" * ")]
    public void WildcardMatchesAnyCurrentTag(string ifMatch) =>
        Assert.True(ETags.Matches(ifMatch, Current));

    [Theory]
    [InlineData("*", true)]
    [InlineData(" * ", true)]
    [InlineData("\"v3\"", false)]
    [InlineData("\"*\"", false)]
    public void OnlyTheWildcardIsAny(string ifMatch, bool any) =>
        Assert.Equal(any, ETags.IsAny(ifMatch));

    [Fact]
    public void SameStrongTagMatches() =>
        Assert.True(ETags.Matches("\"v3\"", Current));

    [Theory]
    [InlineData("\"v1\", \"v3\"")]
    [InlineData("\"v3\",\"v4\"")]
    [InlineData("  \"v3\"  ")]
    [InlineData("\"v1\" ,  \"v3\" , \"v9\"")]
    [InlineData("W/\"v3\", \"v3\"")]
    public void AnyTagOfAListMatches(string ifMatch) =>
        Assert.True(ETags.Matches(ifMatch, Current));

    [Theory]
    [InlineData("\"v2\"")]
    [InlineData("\"v1\", \"v2\"")]
    [InlineData("v3")] // not quoted
    [InlineData("\"V3\"")] // tags are opaque and case-sensitive
    [InlineData("W/\"v3\"")] // If-Match uses the strong comparison: a weak tag never matches
    [InlineData("\"v33\"")]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("\"v3\" garbage")] // not a list of entity tags at all
    [InlineData("W/\"v3\", W/\"v2\"")]
    public void OtherTagsDoNotMatch(string ifMatch) =>
        Assert.False(ETags.Matches(ifMatch, Current));

    [Fact]
    public void PhoneViewTagDependsOnPrimaryFlag()
    {
        var phone = new PhoneNumbers.PhoneNumber
        {
            Id = "p1",
            BusinessId = "biz",
            Number = "+14155550134",
            DisplayName = "Main",
            Timezone = "UTC",
            IsActive = true,
            State = PhoneNumbers.PhoneState.Ready,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };
        var primary = new PhoneNumbers.PhoneView(phone, "\"00ab\"", IsPrimary: true);
        var secondary = primary with { IsPrimary = false };

        Assert.Equal("\"00ab.p\"", primary.ETag);
        Assert.Equal("\"00ab.s\"", secondary.ETag);
        Assert.False(ETags.Matches(primary.ETag, secondary.ETag));
    }

    [Fact]
    public void BusinessTagFollowsItsVersion()
    {
        var business = new Businesses.Business
        {
            Id = "biz",
            BusinessId = "biz",
            Name = "Acme",
            Version = 7,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal("\"v7\"", business.ETag);
        Assert.True(ETags.Matches("\"v7\"", business.ETag));
        Assert.False(ETags.Matches(business.ETag, (business with { Version = 8 }).ETag));
    }
}
