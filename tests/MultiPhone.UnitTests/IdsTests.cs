using MultiPhone.Common;

namespace MultiPhone.UnitTests;

public sealed class IdsTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("Acme-Dental_2")]
    [InlineData("0")]
    [InlineData("a-")]
    [InlineData("9_")]
    public void IdOfLettersDigitsDashAndUnderscoreIsValid(string id) =>
        Assert.True(Ids.IsValid(id));

    [Fact]
    public void IdOfExactly64CharactersIsValid() =>
        Assert.True(Ids.IsValid(new string('a', 64)));

    [Theory]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("_acme")]
    [InlineData("acme corp")]
    [InlineData("acme/corp")]
    [InlineData("acme.corp")]
    [InlineData("acme:corp")]
    [InlineData("acme?x")]
    [InlineData("acmé")]
    [InlineData(" acme")]
    public void IdWithOtherCharactersOrStartIsInvalid(string id) =>
        Assert.False(Ids.IsValid(id));

    [Fact]
    public void IdOf65CharactersIsInvalid() =>
        Assert.False(Ids.IsValid(new string('a', 65)));

    [Theory]
    [InlineData("acme\n")]
    [InlineData("acme\r\n")]
    public void IdWithTrailingLineBreakIsInvalid(string id) =>
        Assert.False(Ids.IsValid(id));

    [Fact]
    public void TheGuidsTheAppIssuesAreValid() =>
        Assert.True(Ids.IsValid(Guid.NewGuid().ToString()));

    [Theory]
    [InlineData("%C0%AF")]
    [InlineData("\u00C0\u00AF")]
    [InlineData("..")]
    [InlineData("a\u0000b")]
    [InlineData(null)]
    public void MalformedOrHostileIdsAreInvalid(string? id) =>
        Assert.False(Ids.IsValid(id));
}
