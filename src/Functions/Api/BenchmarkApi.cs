using System.Collections.Concurrent;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace MultiPhone.Functions.Api;

/// <summary>
/// <c>GET /api/v2/voice/constant?bytes=N</c>, mapped only when <c>Diagnostics:ConstantBodyEndpoint</c> is on (the
/// benchmark turns it on): the same route shape, authorization and headers as the agent configuration, with a
/// constant body of N bytes, so the benchmark can compare the hot path with the cost of the pipeline alone.
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
        }
        return v2;
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
