using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.Realtime;

public sealed class SentVersionsTests
{
    private static ChangeMessage Voice(string phoneId, long version, string type = "phone.voice.changed") => new()
    {
        Channel = $"phone:{phoneId}:voice",
        Type = type,
        BusinessId = "b",
        PhoneId = phoneId,
        Sections = ["voice"],
        Versions = new Dictionary<string, long> { ["voice"] = version },
        ChangedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void AVersionAlreadySentOnItsChannelIsNotNewAndNeitherIsAnOlderOne()
    {
        var sent = new SentVersions();
        sent.Sent(Voice("p", 5));

        Assert.Equal([false, false, true], new[] { 5L, 4, 6 }.Select(v => sent.IsNew(Voice("p", v))));
    }

    [Fact]
    public void AMessageNotYetSentIsStillNewSoAFailedSendIsRetried()
    {
        var sent = new SentVersions();
        var message = Voice("p", 5);

        Assert.True(sent.IsNew(message));
        Assert.True(sent.IsNew(message));
    }

    [Fact]
    public void OtherPhonesTypesAndSectionsKeepTheirOwnVersions()
    {
        var sent = new SentVersions();
        sent.Sent(Voice("p", 5));

        Assert.True(sent.IsNew(Voice("q", 5)));
        Assert.True(sent.IsNew(Voice("p", 5, "phone.settings.changed")));
        Assert.True(sent.IsNew(Voice("p", 5) with { Sections = ["hours"] }));
    }

    [Fact]
    public void AMessageWithOneHigherVersionAmongOthersIsNew()
    {
        var sent = new SentVersions();
        var hours = Voice("p", 3) with { Versions = new Dictionary<string, long> { ["hours"] = 3, ["phone"] = 1 } };
        sent.Sent(hours);

        Assert.False(sent.IsNew(hours));
        Assert.True(sent.IsNew(hours with { Versions = new Dictionary<string, long> { ["hours"] = 3, ["phone"] = 2 } }));
    }

    [Fact]
    public void WhatWasSentIsForgottenOnceTheLimitIsPassedSoMemoryStaysBounded()
    {
        var sent = new SentVersions();
        sent.Sent(Voice("first", 1));
        Assert.False(sent.IsNew(Voice("first", 1)));

        for (var i = 0; i < SentVersions.MaxRemembered + SentVersions.CountEvery; i++)
        {
            sent.Sent(Voice($"p{i}", 1));
        }

        Assert.True(sent.IsNew(Voice("first", 1)));
    }
}
