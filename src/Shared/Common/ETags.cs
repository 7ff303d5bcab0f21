namespace MultiPhone.Common;

public static class ETags
{
    /// <summary>If-Match semantics (RFC 9110): <c>*</c> or any listed strong tag equal to the current one.</summary>
    public static bool Matches(string ifMatch, string current) =>
        ifMatch.Trim() == "*" || ifMatch.Split(',').Any(tag => tag.Trim() == current);
}
