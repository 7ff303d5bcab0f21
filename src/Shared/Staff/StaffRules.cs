using System.Text.RegularExpressions;
using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Staff;

/// <summary>A staff request that passed validation, normalised.</summary>
public sealed record ValidStaffInput(string Name, string? Email, string? Phone, bool? Active)
{
    /// <summary>The member with these details; <c>active</c> keeps the member's value when the input leaves it out.</summary>
    public StaffMember ApplyTo(StaffMember member) => member with { Name = Name, Email = Email, Phone = Phone, Active = Active ?? member.Active };
}

public static partial class StaffRules
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxRoleLength = 100;
    public const int MaxAssignments = 100;

    /// <summary>Validates a staff POST or PUT; <paramref name="defaultCountry"/> reads phone numbers written in local format.</summary>
    public static Result<ValidStaffInput> Validate(StaffInput input, string? defaultCountry)
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("name", input.Name, MaxNameLength);
        var email = errors.OptionalText("email", input.Email, MaxEmailLength);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            errors.Add("email", "Must be an email address, such as name@example.com.");
        }
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (PhoneNumberParser.TryToE164(input.Phone, defaultCountry, out var e164, out var error))
            {
                phone = e164;
            }
            else
            {
                errors.Add("phone", error);
            }
        }
        return errors.Any ? errors.ToProblem() : new ValidStaffInput(name!, email, phone, input.Active);
    }

    /// <summary>
    /// The staff ids a list of assignments names, for looking up which of them are staff of the business before
    /// <see cref="ValidateAssignments"/>. Empty when the list is refused anyway for its length.
    /// </summary>
    public static IReadOnlyList<string> StaffIdsOf(PhoneStaffInput input) =>
        PhoneListRules.NamedIds(input.Assignments, a => a?.StaffId, MaxAssignments);

    /// <summary>
    /// Validates a whole assignment list. <paramref name="staffOfBusiness"/> holds the named ids that are staff of this
    /// business; any other id is refused with the same message whether it exists elsewhere or nowhere.
    /// </summary>
    public static Result<IReadOnlyList<StaffAssignment>> ValidateAssignments(PhoneStaffInput input, IReadOnlySet<string> staffOfBusiness)
    {
        var errors = new FieldErrors();
        if (!PhoneListRules.CheckList(errors, "assignments", input.Assignments, MaxAssignments, "Required; send an empty list to remove everyone."))
        {
            return errors.ToProblem();
        }
        var valid = new List<StaffAssignment>(input.Assignments.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Assignments.Count; i++)
        {
            if (input.Assignments[i] is not { } entry)
            {
                errors.Add($"assignments[{i}]", "Required.");
                continue;
            }
            var staffId = PhoneListRules.CheckId(errors, $"assignments[{i}].staffId", entry.StaffId, staffOfBusiness, seen,
                "No staff member of this business has this id.", "This staff member is already in the list.");
            var role = errors.OptionalText($"assignments[{i}].role", entry.Role, MaxRoleLength);
            valid.Add(new StaffAssignment { StaffId = staffId, Role = role, AcceptsTransfers = entry.AcceptsTransfers ?? false });
        }
        return errors.Any ? errors.ToProblem() : valid;
    }

    // Deliberately loose: one @, no spaces, a dot in the domain. Whether the mailbox exists only a message can tell.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();
}
