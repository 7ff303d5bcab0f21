using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary>
/// Baselines the benchmark compares real routes with, mapped only when <c>Diagnostics:ConstantBodyEndpoint</c> is on
/// (the benchmark turns it on) and left out of the OpenAPI description:
/// <list type="bullet">
/// <item><c>GET /api/v2/voice/constant?bytes=N</c>: the same route shape, authorization and headers as the agent
/// configuration, with a constant body of N bytes, so the benchmark can compare the hot path with the cost of the
/// pipeline alone.</item>
/// <item><c>PUT /api/v2/businesses/{businessId}/phone-numbers/{phoneId}/settings/voice/without-history</c>: the phone's
/// voice PUT (same pipeline, role, checks, write and answer) without its revision, so the benchmark can measure what
/// keeping history costs a write.</item>
/// </list>
/// </summary>
public static class BenchmarkApi
{
    public const string Setting = "Diagnostics:ConstantBodyEndpoint";
    private const int MaxBytes = 1 << 20;
    private static readonly ConcurrentDictionary<int, byte[]> Bodies = new();
    private static readonly EntityTagHeaderValue ConstantETag = new("\"constant\"", isWeak: true);

    public static RouteGroupBuilder MapBenchmarkBaseline(this RouteGroupBuilder v2, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(Setting))
        {
            v2.MapGet("/voice/constant", Constant)
                .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.VoiceAgent, PlatformRoles.Ops))
                .ExcludeFromDescription();
            // The filters of the real business routes (ApiRoutes): membership, and If-Match: * retried on lost races.
            v2.MapGroup("/businesses/{businessId}")
                .RequireBusinessMember()
                .RetryLostRacesUnderIfMatchAny()
                .MapPut("/phone-numbers/{phoneId}/settings/voice/without-history", PutVoiceWithoutHistoryAsync)
                .RequireBusinessRole(BusinessRole.Editor)
                .ExcludeFromDescription();
        }
        return v2;
    }

    /// <summary>As the real phone section PUT answers (SettingsApi), with the write made without a revision.</summary>
    private static async Task<Results<Ok<PhoneSectionResponse<VoiceSettings>>, ProblemHttpResult>> PutVoiceWithoutHistoryAsync(
        string businessId, string phoneId, VoiceSettings body, [FromHeader(Name = "If-Match")] string? ifMatch,
        SettingsService settings, HttpResponse response, CancellationToken ct)
    {
        if (ifMatch is null)
        {
            return Problem.PreconditionRequired().ToHttp();
        }
        var result = await settings.PutWithoutHistoryForBenchmarkAsync(businessId, phoneId, body, ifMatch, ct);
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(PhoneSectionResponse<VoiceSettings>.From(result.Value, phoneId));
    }

    private static Results<FileContentHttpResult, BadRequest> Constant(int bytes, HttpResponse response)
    {
        if (bytes is < 2 or > MaxBytes)
        {
            return TypedResults.BadRequest();
        }
        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Bytes(Bodies.GetOrAdd(bytes, Body), "application/json", entityTag: ConstantETag);
    }

    /// <summary>A JSON string of exactly <paramref name="bytes"/> bytes.</summary>
    private static byte[] Body(int bytes) => Encoding.ASCII.GetBytes("\"" + new string('x', bytes - 2) + "\"");
}
