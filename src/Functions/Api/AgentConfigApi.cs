using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;
using MultiPhone.AgentConfig;
using MultiPhone.PhoneNumbers;
using NodaTime;

namespace MultiPhone.Functions.Api;

/// <summary>
/// What a voice agent loads on every call: <c>GET /api/v2/voice/agent-config?to=+1415...</c> (by the dialed number) and
/// <c>GET /api/v2/businesses/{businessId}/phone-numbers/{phoneId}/agent-config</c> (by phone, also for previews).
/// </summary>
public static partial class AgentConfigApi
{
    private const string Description = "The complete resolved configuration of one phone: location, business, the four effective "
        + "settings sections with the source of every field, staff who take transfers, services, and whether the location is open "
        + "now (or at `at`, for previews). Revalidate with If-None-Match: an unchanged configuration answers 304. Data is at "
        + "most AgentConfig:MaxStaleness old (1 s by default), except while the database does not answer: then the configuration "
        + "last read is served with an `Age` header (seconds since it was read), and a number not read before is a 503.";

    public static RouteGroupBuilder MapVoiceAgentConfig(this RouteGroupBuilder v2)
    {
        v2.MapGet("/voice/agent-config", ByNumberAsync)
            .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.VoiceAgent, PlatformRoles.Ops))
            .WithTags("Voice agents")
            .WithName("GetAgentConfigByNumber")
            .WithSummary("Load the configuration of the dialed number (platform role voice-agent)")
            .WithDescription(Description)
            .Produces<AgentConfiguration>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v2;
    }

    public static RouteGroupBuilder MapPhoneAgentConfig(this RouteGroupBuilder business)
    {
        business.MapGet("/phone-numbers/{phoneId}/agent-config", ByPhoneAsync)
            .AllowPlatformReader(PlatformRoles.VoiceAgent)
            .WithTags("Voice agents")
            .WithName("GetAgentConfigByPhone")
            .WithSummary("Load the configuration of one phone (viewers, and voice agents)")
            .WithDescription(Description)
            .Produces<AgentConfiguration>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified);
        return business;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ByNumberAsync(
        string? to, DateTimeOffset? at, AgentConfigCache configs, HttpResponse response)
    {
        if (ToE164(to) is not { } number)
        {
            return Problem.Validation("to", "The dialed number in E.164, e.g. +14155550123 (encode '+' as %2B in URLs).").ToHttp();
        }
        return Respond(await configs.ByNumberAsync(number, at is { } preview ? Instant.FromDateTimeOffset(preview) : null), response);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ByPhoneAsync(
        string businessId, string phoneId, DateTimeOffset? at, AgentConfigCache configs, HttpResponse response) =>
        Respond(await configs.ByPhoneAsync(businessId, phoneId, at is { } preview ? Instant.FromDateTimeOffset(preview) : null), response);

    private static Results<FileContentHttpResult, ProblemHttpResult> Respond(Result<RenderedConfig> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        // Agents may keep a copy but must revalidate it; the file result answers If-None-Match with 304.
        response.Headers.CacheControl = "private, no-cache";
        if (result.Value.Age is { } age)
        {
            // Served stale because Cosmos did not answer: RFC 9111's Age says how old, and that it came from a cache.
            response.Headers.Age = ((long)age.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Bytes(result.Value.Json, "application/json", entityTag: EntityTagHeaderValue.Parse(result.Value.ETag));
    }

    /// <summary>
    /// The dialed number as E.164. Canonical input skips the parser (this is the hot path); an unencoded '+' that
    /// arrived as a space is put back.
    /// </summary>
    private static string? ToE164(string? to)
    {
        var trimmed = to?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        var candidate = char.IsAsciiDigit(trimmed[0]) ? "+" + trimmed : trimmed;
        if (E164().IsMatch(candidate))
        {
            return candidate;
        }
        return PhoneNumberParser.TryToE164(candidate, defaultCountry: null, out var e164, out _) ? e164 : null;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z")]
    private static partial Regex E164();
}
