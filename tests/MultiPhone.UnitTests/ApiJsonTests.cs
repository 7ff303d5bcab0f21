using System.Text;
using System.Text.Json;
using MultiPhone.Common;
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

    private static SmsSettings Read(string json) =>
        JsonSerializer.Deserialize<SmsSettings>(Encoding.UTF8.GetBytes(json), ApiJson.Options)!;
}
