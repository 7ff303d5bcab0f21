using System.Text.RegularExpressions;
using MultiPhone.Common;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Staff;

/// <summary>A staff request that passed validation, normalised.</summary>
public sealed record ValidStaffInput(string Name, string? Email, string? Phone, bool? Active);

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
        input.Assignments is { Count: <= MaxAssignments } assignments
            ? assignments.Select(a => a?.StaffId?.Trim()).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Validates a whole assignment list. <paramref name="staffOfBusiness"/> holds the named ids that are staff of this
    /// business; any other id is refused with the same message whether it exists elsewhere or nowhere.
    /// </summary>
    public static Result<IReadOnlyList<StaffAssignment>> ValidateAssignments(PhoneStaffInput input, IReadOnlySet<string> staffOfBusiness)
    {
        var errors = new FieldErrors();
        if (input.Assignments is null)
        {
            errors.Add("assignments", "Required; send an empty list to remove everyone.");
            return errors.ToProblem();
        }
        if (input.Assignments.Count > MaxAssignments)
        {
            errors.Add("assignments", $"At most {MaxAssignments} entries.");
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
            var staffId = entry.StaffId?.Trim() ?? "";
            if (staffId.Length == 0)
            {
                errors.Add($"assignments[{i}].staffId", "Required.");
            }
            else if (!staffOfBusiness.Contains(staffId))
            {
                errors.Add($"assignments[{i}].staffId", "No staff member of this business has this id.");
            }
            else if (!seen.Add(staffId))
            {
                errors.Add($"assignments[{i}].staffId", "This staff member is already in the list.");
            }
            var role = errors.OptionalText($"assignments[{i}].role", entry.Role, MaxRoleLength);
            valid.Add(new StaffAssignment { StaffId = staffId, Role = role, AcceptsTransfers = entry.AcceptsTransfers ?? false });
        }
        return errors.Any ? errors.ToProblem() : valid;
    }

    // Deliberately loose: one @, no spaces, a dot in the domain. Whether the mailbox exists only a message can tell.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();
}
