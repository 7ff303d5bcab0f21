namespace MultiPhone.Common;

/// <summary>
/// A failure the caller can act on, described the way RFC 9457 problem details are: a stable type slug,
/// the HTTP status it maps to, a title shared by every instance of the type and an instance-specific detail.
/// </summary>
public sealed record Problem(
    string Type,
    int Status,
    string Title,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Members the problem type adds (RFC 9457 extension members), e.g. the conflicting fields of a history restore.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Problem NotFound(string detail) =>
        new(ProblemTypes.NotFound, 404, "Resource not found", detail);

    public static Problem Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemTypes.Validation, 400, "The request is not valid", "See 'errors' for every field that needs attention.", errors);

    public static Problem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Problem PreconditionFailed(string detail) =>
        new(ProblemTypes.PreconditionFailed, 412, "The resource has changed", detail);

    public static Problem PreconditionRequired() =>
        new(ProblemTypes.PreconditionRequired, 428, "If-Match header required",
            "Send the ETag you last read in an If-Match header, so that concurrent changes are not overwritten.");

    public static Problem Forbidden(string detail) =>
        new(ProblemTypes.Forbidden, 403, "Not allowed", detail);
}

/// <summary>The stable problem type slugs; docs/problems.md explains each one.</summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:multiphone:problem:";

    public const string NotFound = "not-found";
    public const string Validation = "validation";
    public const string MalformedRequest = "malformed-request";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string PreconditionFailed = "precondition-failed";
    public const string PreconditionRequired = "precondition-required";
    public const string PhoneNumberTaken = "phone-number-taken";
    public const string PrimaryRequired = "primary-required";
    public const string PhoneNumberLimit = "phone-number-limit";
    public const string InvalidSignature = "invalid-signature";
    public const string IdempotencyMismatch = "idempotency-mismatch";
    public const string IdempotencyInProgress = "idempotency-in-progress";
    public const string MigrationRunning = "migration-running";
    public const string MigrationFinished = "migration-finished";
    public const string HistoryConflict = "history-conflict";
    public const string BulkEditRunning = "bulk-edit-running";
    public const string BulkEditUndone = "bulk-edit-undone";
    public const string ScheduleNotPending = "schedule-not-pending";
    public const string ServiceUnavailable = "service-unavailable";
    public const string InternalError = "internal-error";
}
