using System.Security.Cryptography;
using System.Text;

namespace MultiPhone.Telephony;

/// <summary>
/// Twilio's request signature (the <c>X-Twilio-Signature</c> header of form-encoded webhooks):
/// base64(HMAC-SHA1(auth token, full URL + every POST parameter's name and value, sorted by name))).
/// </summary>
/// <remarks>
/// A name that occurs more than once contributes each of its values, in ordinal order, as twilio-python does
/// (twilio-node additionally drops repeated identical values; Twilio's voice and SMS webhooks send each name once).
/// To pass an ASP.NET form, flatten it: <c>form.SelectMany(f =&gt; f.Value.Select(v =&gt; KeyValuePair.Create(f.Key, v ?? "")))</c>.
/// </remarks>
public static class TwilioSignature
{
    /// <summary>The signature Twilio sends for a POST of <paramref name="parameters"/> to exactly <paramref name="url"/>.</summary>
    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(authToken);

        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters
            .OrderBy(p => p.Key ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Value ?? "", StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Whether <paramref name="signatureHeader"/> signs this request. Like Twilio's own libraries it accepts a signature
    /// of the URL without any port as well as one of the URL with its port (the scheme's default one added if absent),
    /// because Twilio signs either form. A missing, empty or malformed header, or a blank auth token, is simply invalid.
    /// </summary>
    public static bool IsValid(string? signatureHeader, string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        if (string.IsNullOrEmpty(signatureHeader) || string.IsNullOrEmpty(authToken) || url is null || parameters is null)
        {
            return false;
        }

        var received = Encoding.UTF8.GetBytes(signatureHeader);
        var materialized = parameters.ToList();
        var (withoutPort, withPort) = PortVariants(url);
        // Non-short-circuiting '|' so both variants are always computed.
        return Matches(received, withoutPort, materialized, authToken) | Matches(received, withPort, materialized, authToken);
    }

    private static bool Matches(byte[] received, string url, List<KeyValuePair<string, string>> parameters, string authToken) =>
        CryptographicOperations.FixedTimeEquals(received, Encoding.UTF8.GetBytes(Compute(url, parameters, authToken)));

    /// <summary>
    /// The URL without a port and with one, changing nothing else in the string (so escaping and case survive).
    /// A URL that is not of the form <c>scheme://authority...</c> is returned unchanged as both variants.
    /// </summary>
    internal static (string WithoutPort, string WithPort) PortVariants(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return (url, url);
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var colon = authority.LastIndexOf(':');
        var hasPort = colon >= hostStart && colon > authority.LastIndexOf(']');

        var prefix = url[..authorityStart];
        var suffix = url[authorityEnd..];
        if (hasPort)
        {
            return (prefix + authority[..colon] + suffix, url);
        }

        var scheme = url[..schemeEnd];
        var defaultPort =
            scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? ":443" :
            scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? ":80" :
            "";
        return (url, prefix + authority + defaultPort + suffix);
    }
}
