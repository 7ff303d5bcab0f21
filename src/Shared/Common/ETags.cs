using Microsoft.Net.Http.Headers;

namespace MultiPhone.Common;

public static class ETags
{
    /// <summary>
    /// If-Match (RFC 9110 13.1.1): <c>*</c>, or a list of entity tags one of which equals the current one by the
    /// strong comparison, so a weak tag (<c>W/"v1"</c>) never matches. A header that is not a valid list matches nothing.
    /// </summary>
    public static bool Matches(string ifMatch, string current) =>
        EntityTagHeaderValue.TryParse(current, out var tag)
        && EntityTagHeaderValue.TryParseStrictList([ifMatch], out var listed)
        && listed.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(tag, useStrongComparison: true));

    /// <summary>Whether the If-Match header is <c>*</c>: it matches any current representation, whichever it is.</summary>
    public static bool IsAny(string ifMatch) =>
        EntityTagHeaderValue.TryParseStrictList([ifMatch], out var listed) && listed.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any));
}
