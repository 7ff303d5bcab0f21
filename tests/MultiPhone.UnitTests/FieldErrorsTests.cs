using MultiPhone.Common;

namespace MultiPhone.UnitTests;

public sealed class FieldErrorsTests
{
    [Fact]
    public void NewCollectionHasNoErrors() =>
        Assert.False(new FieldErrors().Any);

    [Fact]
    public void AddedErrorIsReportedAsAValidationProblem()
    {
        var errors = new FieldErrors();

        errors.Add("name", "Required.");

        Assert.True(errors.Any);
        var problem = errors.ToProblem();
        Assert.Equal(ProblemTypes.Validation, problem.Type);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["Required."], problem.Errors!["name"]);
    }

    [Fact]
    public void SeveralMessagesForOneFieldAreKeptInOrder()
    {
        var errors = new FieldErrors();

        errors.Add("name", "first");
        errors.Add("name", "second");

        Assert.Equal(["first", "second"], errors.ToProblem().Errors!["name"]);
    }

    [Fact]
    public void FieldNamesAreCaseSensitive()
    {
        var errors = new FieldErrors();

        errors.Add("name", "a");
        errors.Add("Name", "b");

        var reported = errors.ToProblem().Errors!;
        Assert.Equal(2, reported.Count);
        Assert.False(reported.ContainsKey("NAME"));
    }

    [Fact]
    public void EveryFieldIsReported()
    {
        var errors = new FieldErrors();

        errors.Add("a", "x");
        errors.Add("b.c", "y");
        errors.Add("d", "z");

        Assert.Equal(["a", "b.c", "d"], errors.ToProblem().Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n")]
    public void BlankRequiredTextIsAnError(string? value)
    {
        var errors = new FieldErrors();

        Assert.Null(errors.RequiredText("name", value, 10));
        Assert.Equal(["Required."], errors.ToProblem().Errors!["name"]);
    }

    [Fact]
    public void RequiredTextIsReturnedTrimmed()
    {
        var errors = new FieldErrors();

        Assert.Equal("Acme", errors.RequiredText("name", "  Acme \n", 10));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankOptionalTextBecomesNullWithoutError(string? value)
    {
        var errors = new FieldErrors();

        Assert.Null(errors.OptionalText("city", value, 10));
        Assert.False(errors.Any);
    }

    [Fact]
    public void TextOfExactlyMaxLengthIsAccepted()
    {
        var errors = new FieldErrors();

        Assert.Equal("0123456789", errors.OptionalText("city", " 0123456789 ", 10));
        Assert.Equal("0123456789", errors.RequiredText("name", "0123456789", 10));
        Assert.False(errors.Any);
    }

    [Fact]
    public void TextOverMaxLengthIsNamedButStillReturned()
    {
        var errors = new FieldErrors();

        Assert.Equal("01234567890", errors.OptionalText("city", "01234567890", 10));
        Assert.Equal("abcdefghijk", errors.RequiredText("name", "abcdefghijk", 10));

        var reported = errors.ToProblem().Errors!;
        Assert.Equal(["At most 10 characters."], reported["city"]);
        Assert.Equal(["At most 10 characters."], reported["name"]);
    }

    [Fact]
    public void ProblemIsASnapshotOfTheErrorsSoFar()
    {
        var errors = new FieldErrors();
        errors.Add("a", "x");
        var problem = errors.ToProblem();

        errors.Add("a", "y");
        errors.Add("b", "z");

        Assert.Equal(["x"], problem.Errors!["a"]);
        Assert.False(problem.Errors.ContainsKey("b"));
    }
}
