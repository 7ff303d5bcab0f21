using MultiPhone.Common;
using MultiPhone.Staff;

namespace MultiPhone.UnitTests.Staff;

public sealed class StaffRulesTests
{
    private const string Dana = "staff-dana";
    private const string Sam = "staff-sam";
    private static readonly HashSet<string> Known = [Dana, Sam];

    private static ValidStaffInput Valid(StaffInput input, string? defaultCountry = "US")
    {
        var result = StaffRules.Validate(input, defaultCountry);
        Assert.True(result.IsOk, result.IsOk ? null : string.Join("; ", result.Problem.Errors!.Keys));
        return result.Value;
    }

    private static IReadOnlyDictionary<string, string[]> Invalid(StaffInput input, string? defaultCountry = "US")
    {
        var result = StaffRules.Validate(input, defaultCountry);
        Assert.False(result.IsOk);
        Assert.Equal(ProblemTypes.Validation, result.Problem.Type);
        return result.Problem.Errors!;
    }

    private static IReadOnlyList<StaffAssignment> ValidAssignments(params StaffAssignmentInput?[] entries)
    {
        var result = StaffRules.ValidateAssignments(new PhoneStaffInput { Assignments = entries }, Known);
        Assert.True(result.IsOk, result.IsOk ? null : string.Join("; ", result.Problem.Errors!.Keys));
        return result.Value;
    }

    private static IReadOnlyDictionary<string, string[]> InvalidAssignments(PhoneStaffInput input)
    {
        var result = StaffRules.ValidateAssignments(input, Known);
        Assert.False(result.IsOk);
        Assert.Equal(ProblemTypes.Validation, result.Problem.Type);
        return result.Problem.Errors!;
    }

    private static PhoneStaffInput Entries(params StaffAssignmentInput?[] entries) => new() { Assignments = entries };

    [Fact]
    public void NameAndEmailAreTrimmedAndThePhoneBecomesE164()
    {
        var valid = Valid(new StaffInput { Name = "  Dana Reyes ", Email = " dana@example.com ", Phone = "(415) 555-0134" });

        Assert.Equal(new ValidStaffInput("Dana Reyes", "dana@example.com", "+14155550134", null), valid);
    }

    [Fact]
    public void ThePhoneIsReadWithTheBusinessCountry() =>
        Assert.Equal("+442079460958", Valid(new StaffInput { Name = "Ann", Phone = "020 7946 0958" }, "GB").Phone);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankEmailAndPhoneBecomeNull(string? blank)
    {
        var valid = Valid(new StaffInput { Name = "Ann", Email = blank, Phone = blank });

        Assert.Null(valid.Email);
        Assert.Null(valid.Phone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void NameIsRequired(string? name) =>
        Assert.Equal(["Required."], Invalid(new StaffInput { Name = name })["name"]);

    [Fact]
    public void NameOfExactlyMaxLengthIsAcceptedAndOneMoreIsRefused()
    {
        Valid(new StaffInput { Name = new string('n', StaffRules.MaxNameLength) });

        Assert.Equal(["At most 100 characters."], Invalid(new StaffInput { Name = new string('n', StaffRules.MaxNameLength + 1) })["name"]);
    }

    [Theory]
    [InlineData("dana")]
    [InlineData("dana@")]
    [InlineData("@example.com")]
    [InlineData("dana@example")]
    [InlineData("dana reyes@example.com")]
    [InlineData("dana@@example.com")]
    [InlineData("Dana <dana@example.com>")]
    public void EmailThatDoesNotLookLikeOneIsRefused(string email) =>
        Assert.Equal(["email"], Invalid(new StaffInput { Name = "Dana", Email = email }).Keys);

    [Fact]
    public void EmailOverMaxLengthIsRefused()
    {
        var email = new string('a', StaffRules.MaxEmailLength - "@example.com".Length + 1) + "@example.com";

        Assert.Contains("At most 254 characters.", Invalid(new StaffInput { Name = "Dana", Email = email })["email"]);
    }

    [Fact]
    public void LocalPhoneWithoutBusinessCountryIsRefused() =>
        Assert.Equal(["phone"], Invalid(new StaffInput { Name = "Dana", Phone = "415 555 0134" }, defaultCountry: null).Keys);

    [Fact]
    public void ActiveIsPassedThrough() =>
        Assert.False(Valid(new StaffInput { Name = "Dana", Active = false }).Active);

    [Fact]
    public void EveryBadFieldIsNamedAtOnce() =>
        Assert.Equal(
            ["email", "name", "phone"],
            Invalid(new StaffInput { Name = "", Email = "nope", Phone = "12" }).Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void AssignmentsAreTrimmedAndAcceptTransfersDefaultsToFalse()
    {
        var valid = ValidAssignments(
            new StaffAssignmentInput { StaffId = $" {Dana} ", Role = " Hygienist " },
            new StaffAssignmentInput { StaffId = Sam, Role = " ", AcceptsTransfers = true });

        Assert.Equal(
            [
                new StaffAssignment { StaffId = Dana, Role = "Hygienist", AcceptsTransfers = false },
                new StaffAssignment { StaffId = Sam, Role = null, AcceptsTransfers = true },
            ],
            valid);
    }

    [Fact]
    public void AnEmptyListIsValid() => Assert.Empty(ValidAssignments());

    [Fact]
    public void AMissingListIsRequired() =>
        Assert.Equal(["assignments"], InvalidAssignments(new PhoneStaffInput()).Keys);

    [Fact]
    public void AListOfMaxLengthIsAcceptedAsFarAsLengthGoes()
    {
        var entries = Enumerable.Repeat(new StaffAssignmentInput { StaffId = "someone-else" }, StaffRules.MaxAssignments).ToArray();

        Assert.DoesNotContain("assignments", InvalidAssignments(Entries(entries)).Keys);
    }

    [Fact]
    public void AListOverMaxLengthIsRefusedAsAWhole()
    {
        var entries = Enumerable.Repeat(new StaffAssignmentInput { StaffId = Dana }, StaffRules.MaxAssignments + 1).ToArray();

        Assert.Equal(["At most 100 entries."], Assert.Single(InvalidAssignments(Entries(entries))).Value);
    }

    [Fact]
    public void EveryBadEntryIsNamedByItsIndex()
    {
        var errors = InvalidAssignments(Entries(
            new StaffAssignmentInput { StaffId = Dana },
            null,
            new StaffAssignmentInput { StaffId = " " },
            new StaffAssignmentInput { StaffId = "not-of-this-business" },
            new StaffAssignmentInput { StaffId = Dana },
            new StaffAssignmentInput { StaffId = Sam, Role = new string('r', StaffRules.MaxRoleLength + 1) }));

        Assert.Equal(
            ["assignments[1]", "assignments[2].staffId", "assignments[3].staffId", "assignments[4].staffId", "assignments[5].role"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["No staff member of this business has this id."], errors["assignments[3].staffId"]);
        Assert.Equal(["This staff member is already in the list."], errors["assignments[4].staffId"]);
    }

    [Fact]
    public void StaffIdsToLookUpAreTrimmedDistinctAndNonBlank()
    {
        var ids = StaffRules.StaffIdsOf(Entries(
            new StaffAssignmentInput { StaffId = $" {Dana}" },
            new StaffAssignmentInput { StaffId = Dana },
            null,
            new StaffAssignmentInput { StaffId = "" },
            new StaffAssignmentInput { StaffId = Sam }));

        Assert.Equal([Dana, Sam], ids);
    }

    [Fact]
    public void NoStaffIdsAreLookedUpForAListThatIsTooLong() =>
        Assert.Empty(StaffRules.StaffIdsOf(Entries(
            Enumerable.Repeat(new StaffAssignmentInput { StaffId = Dana }, StaffRules.MaxAssignments + 1).ToArray())));
}
