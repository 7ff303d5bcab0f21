using System.Text;
using System.Text.Json;
using MultiPhone.Common;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.UnitTests;

/// <summary>How the API reads a request body: whole, or not at all.</summary>
public sealed class ApiJsonTests
{
    [Fact]
    public void AKnownBodyIsRead() =>
        Assert.Equal("The front desk", Read("""{"signature": "The front desk"}""").Signature);

    [Fact]
    public void ANameGivenTwiceIsRefused() =>
        Assert.Throws<JsonException>(() => Read("""{"signature": "a", "signature": "b"}"""));

    [Fact]
    public void ANameGivenTwiceInANestedObjectIsRefused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConversationRules>(
            """{"afterHours": {"message": "We're closed", "message": "Come in"}}""", ApiJson.Options));

    [Theory]
    [InlineData("""{"signatur": "a typo that would mean 'inherit'"}""")]
    [InlineData("""{"signature": "a", "note": "\uD800"}""")]
    public void AMemberTheTypeDoesNotKnowIsRefused(string json) =>
        Assert.Throws<JsonException>(() => Read(json));

    [Fact]
    public void BytesThatAreNotUtf8AreRefusedWhereverTheyAre()
    {
        byte[] inUnknown = [.. """{"note": """u8, 0x22, 0xC0, 0xAF, 0x22, .. "}"u8];
        byte[] inKnown = [.. """{"signature": """u8, 0x22, 0xC0, 0xAF, 0x22, .. "}"u8];

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SmsSettings>(inUnknown, ApiJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SmsSettings>(inKnown, ApiJson.Options));
    }

    [Fact]
    public void ALoneSurrogateInAReadStringIsRefused() =>
        Assert.Throws<JsonException>(() => Read("""{"signature": "\uDC00x"}"""));

    [Fact]
    public void TheOutputOnlyMembersOfARepresentationAreReadAndIgnored()
    {
        var read = JsonSerializer.Deserialize<PhoneNumberInput>(
            """{"id": "p1", "businessId": "b1", "phoneNumber": "+14155550100", "displayName": "Front", "timezone": "UTC", "isActive": true, "isPrimary": true, "address": null, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-02T00:00:00Z"}""",
            ApiJson.Options)!;

        Assert.Equal("Front", read.DisplayName);
        Assert.Equal(["phoneNumber", "displayName", "address", "timezone", "isActive", "isPrimary", "labels", "settings"],
            JsonSerializer.SerializeToElement(read, ApiJson.Options).EnumerateObject().Select(member => member.Name));
    }

    [Theory]
    [InlineData("""{"displayName": "Front", "timezone": "UTC", "createdAt": 5}""", "createdAt", JsonReadError.WrongType, "Expected a date-time string (RFC 3339).")]
    [InlineData("""{"displayName": "Front", "timezone": "UTC", "nickname": "x"}""", "nickname", JsonReadError.UnknownMember, "Leave it out; the members here are phoneNumber, displayName, address, timezone, isActive, isPrimary, labels, settings.")]
    [InlineData("""{"displayName": "Front", "address": {"city": "Oslo", "zip": "1"}}""", "address.zip", JsonReadError.UnknownMember, "Leave it out; the members here are line1, line2, city, region, postalCode, country.")]
    [InlineData("""{"displayName": "Front", "displayName": "Back"}""", "displayName", JsonReadError.GivenTwice, "Give each member once.")]
    [InlineData("""{"displayName": 7}""", "displayName", JsonReadError.WrongType, "Expected a string.")]
    [InlineData("""{"displayName": "Front", "settings": "copy"}""", "settings", JsonReadError.UnknownValue, "Expected one of \"inherit\", \"copyDefaults\".")]
    [InlineData("""{"displayName": "Front",""", "body", JsonReadError.BrokenJson, "Send one JSON value (RFC 8259), as the operation's schema describes.")]
    [InlineData("""[1]""", "body", JsonReadError.WrongType, "Expected an object.")]
    public void ARefusedBodySaysWhereWhyAndWhatWasExpected(string json, string field, string reason, string expected)
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PhoneNumberInput>(json, ApiJson.Options));

        var error = JsonReadError.Of(refused, typeof(PhoneNumberInput), ApiJson.Options);

        Assert.Equal((field, reason, expected), (error.Field, error.Reason, error.Expected));
    }

    private static SmsSettings Read(string json) =>
        JsonSerializer.Deserialize<SmsSettings>(Encoding.UTF8.GetBytes(json), ApiJson.Options)!;
}
