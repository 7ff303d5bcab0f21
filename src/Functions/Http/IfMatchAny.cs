
namespace MultiPhone.Functions.Http;

/// <summary>
/// <c>If-Match: *</c> matches whatever representation is current (RFC 9110 13.1.1), so a write under it is never
/// stale. Every update of the API reads, checks and replaces under the ETag it read; when another write lands between
/// the read and the replace, the replace is refused and the service answers 412, which is wrong for <c>*</c>. This
/// runs the endpoint again on the new current representation, for every resource at once. Each lost race means
/// another write committed, so with N concurrent writers of one resource a request loses at most N-1 times; the bound
/// only guards against a 412 that is not a lost race.
/// </summary>
public static class IfMatchAny
{
    public const int MaxAttempts = 64;

    /// <summary>Applies to every endpoint of the group; with <c>absentMeansAny</c> (v1) a write without If-Match is one under <c>*</c>.</summary>
    public static TBuilder RetryLostRacesUnderIfMatchAny<TBuilder>(this TBuilder builder, bool absentMeansAny = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var ifMatch = context.HttpContext.Request.Headers.IfMatch;
            if (!(ifMatch.Count == 0 ? absentMeansAny : ETags.IsAny(ifMatch.ToString())))
            {
                return await next(context);
            }
            var attempt = 1;
            var result = await next(context);
            while (IsPreconditionFailed(result) && attempt++ < MaxAttempts)
            {
                result = await next(context);
            }
            return result;
        });

    private static bool IsPreconditionFailed(object? result) =>
        (result is INestedHttpResult nested ? nested.Result : result) is IStatusCodeHttpResult { StatusCode: StatusCodes.Status412PreconditionFailed };
}
