using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using MultiPhone.Cosmos;
using MultiPhone.Idempotency;

namespace MultiPhone.Functions.Http;

/// <summary>Marks a creating POST as honouring Idempotency-Key (the OpenAPI document lists the header for it).</summary>
public sealed class IdempotentMetadata;

/// <summary>
/// Idempotency-Key on creating POSTs: the first response (2xx or 4xx) is stored and a retry with the same key and
/// body gets it again, marked with <c>Idempotent-Replayed: true</c>; the same key with another body is refused (422);
/// a retry while the first request still runs gets 409. A 5xx or an exception forgets the key, so a retry runs again.
/// </summary>
public sealed partial class IdempotencyFilter<TBody>(
    IdempotencyStore store,
    TimeProvider time,
    IOptions<JsonOptions> json,
    IDataProtectionProvider protection,
    ILogger<IdempotencyFilter<TBody>> logger) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;
    private static readonly string[] ReplayedHeaders = ["Location", "ETag", "Content-Type"];

    // Bodies may hold secrets (an integration's), and a plain digest of them would let anyone with a copy of the
    // database guess them offline. The digest is stored encrypted under the key ring that protects those secrets.
    private readonly IDataProtector _digests = protection.CreateProtector("MultiPhone.Idempotency.RequestDigest.v1");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            return Problem.Validation(Header, $"Use 1-{MaxKeyLength} printable characters, for example a UUID.").ToHttp();
        }
        var businessId = http.GetRouteValue("businessId") as string ?? "";
        var body = context.Arguments.OfType<TBody>().FirstOrDefault();
        var now = time.GetUtcNow();
        var digest = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions));
        var record = new IdempotencyRecord
        {
            Id = Hash($"{Caller.From(http.User).Subject}\n{http.Request.Method}\n{http.Request.Path}\n{key}"),
            BusinessId = businessId,
            RequestHash = Convert.ToBase64String(_digests.Protect(digest)),
            State = IdempotencyState.InProgress,
            CreatedAt = now,
            Ttl = (int)IdempotencyStore.Retention.TotalSeconds,
        };
        var existing = await store.GetAsync(businessId, record.Id, http.RequestAborted);
        var decision = IdempotencyRules.Decide(existing?.Item, existing is not null && SameDigest(existing.Item, digest), now);
        var started = decision switch
        {
            IdempotencyDecision.Run => await store.CreateAsync(record, http.RequestAborted),
            IdempotencyDecision.TakeOver => await store.ReplaceAsync(record, existing!.ETag, http.RequestAborted),
            _ => default,
        };
        switch (decision)
        {
            case IdempotencyDecision.Replay:
                return new StoredResponse(existing!.Item, Replayed: true);
            case IdempotencyDecision.Mismatch:
                return new Problem(ProblemTypes.IdempotencyMismatch, 422, "Idempotency-Key reused with another request",
                    "This key was first used with a different body. Use a new key for a new request.").ToHttp();
            case IdempotencyDecision.InProgress:
                return InProgress(http);
            case IdempotencyDecision.Run or IdempotencyDecision.TakeOver when !started.Done:
                // Another request with the same key won the race to start.
                return InProgress(http);
        }
        return await RunAsync(context, next, started.Stored!);
    }

    private async Task<object?> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Stored<IdempotencyRecord> started)
    {
        var http = context.HttpContext;
        IdempotencyRecord completed;
        try
        {
            var result = await next(context);
            completed = await CaptureAsync(http, result, started.Item);
        }
        catch
        {
            await store.DeleteAsync(started.Item, started.ETag, CancellationToken.None);
            throw;
        }
        if (completed.Status >= 500)
        {
            await store.DeleteAsync(started.Item, started.ETag, CancellationToken.None);
        }
        else if (!(await store.ReplaceAsync(completed, started.ETag, CancellationToken.None)).Done)
        {
            LogNotRemembered(logger, http.Request.Path);
        }
        return new StoredResponse(completed, Replayed: false);
    }

    /// <summary>Runs the endpoint's result into a buffer so the exact response can be stored and sent.</summary>
    private static async Task<IdempotencyRecord> CaptureAsync(HttpContext http, object? result, IdempotencyRecord started)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            if (result is IResult executable)
            {
                await executable.ExecuteAsync(http);
            }
        }
        finally
        {
            http.Response.Body = original;
        }
        return started with
        {
            State = IdempotencyState.Completed,
            Status = http.Response.StatusCode,
            Headers = ReplayedHeaders
                .Where(name => http.Response.Headers.ContainsKey(name))
                .ToDictionary(name => name, name => http.Response.Headers[name].ToString()),
            Body = Encoding.UTF8.GetString(buffer.ToArray()),
        };
    }

    private static IResult InProgress(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return new Problem(ProblemTypes.IdempotencyInProgress, 409, "A request with this Idempotency-Key is still running",
            "Retry after a moment to get its response.").ToHttp();
    }

    private bool SameDigest(IdempotencyRecord existing, byte[] digest)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(_digests.Unprotect(Convert.FromBase64String(existing.RequestHash)), digest);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Sealed under a key this app no longer has (or before digests were sealed): it cannot be this body's.
            return false;
        }
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remember the response of {Path}; a retry with the same key will run again")]
    private static partial void LogNotRemembered(ILogger logger, string path);

    private sealed record StoredResponse(IdempotencyRecord Record, bool Replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = Record.Status;
            foreach (var (name, value) in Record.Headers ?? [])
            {
                response.Headers[name] = value;
            }
            if (Replayed)
            {
                response.Headers["Idempotent-Replayed"] = "true";
            }
            await response.WriteAsync(Record.Body ?? "", Encoding.UTF8);
        }
    }
}

public static class IdempotencyExtensions
{
    /// <summary>Lets the endpoint honour Idempotency-Key for a body of type <typeparamref name="TBody"/>.</summary>
    public static RouteHandlerBuilder WithIdempotency<TBody>(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter<IdempotencyFilter<TBody>>()
        .WithMetadata(new IdempotentMetadata())
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
