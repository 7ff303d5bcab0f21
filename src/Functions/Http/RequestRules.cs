using System.Globalization;
using System.Net.Mime;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace MultiPhone.Functions.Http;

/// <summary>
/// Rules every request meets before its endpoint runs, so before any database call: each id in the path or the query
/// (a route value, or a query parameter the endpoint reads, named <c>...Id</c>) follows <see cref="Ids"/>, each
/// instant an endpoint reads from the query lies in <see cref="TimeRange"/>, and a body is of a media type the
/// endpoint reads. They live here once, so a new route follows them without asking.
/// </summary>
public static class RequestRules
{
    public static IApplicationBuilder UseRequestRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if ((Check(context) ?? CheckMediaType(context)) is { } problem)
        {
            await problem.ToHttp().ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    /// <summary>
    /// Whether a route value or query parameter holds one of our ids (<c>businessId</c>, <c>phoneId</c>, ...). A SignalR
    /// <c>connectionId</c> is not: the realtime service makes it (base64url, so about one in thirty starts with '-' or
    /// '_'), and the realtime routes check it themselves.
    /// </summary>
    public static bool IsIdName(string name) => name.EndsWith("Id", StringComparison.Ordinal) && name != SignalRConnectionId;

    private const string SignalRConnectionId = "connectionId";

    private static Problem? Check(HttpContext context)
    {
        var errors = new FieldErrors();
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (IsIdName(name) && !Ids.IsValid(value as string))
            {
                errors.Add(name, Ids.Rule);
            }
        }
        foreach (var parameter in context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            var query = context.Request.Query[parameter.Name];
            // An empty value means "not given" to the endpoints (v1's ?phoneId= is the primary phone).
            if (IsIdName(parameter.Name) && query.Any(value => !string.IsNullOrEmpty(value) && !Ids.IsValid(value)))
            {
                errors.Add(parameter.Name, Ids.Rule);
            }
            var type = parameter.ParameterInfo.ParameterType;
            // Unreadable values are left to parameter binding, which answers 400 for them.
            if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset)
                && query is [{ } text]
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var instant)
                && !TimeRange.Contains(instant))
            {
                errors.Add(parameter.Name, TimeRange.Rule);
            }
        }
        return errors.Any ? errors.ToProblem() : null;
    }

    /// <summary>
    /// A body must be exactly of a media type the endpoint lists (what the OpenAPI document says), and JSON must be
    /// UTF-8 (RFC 8259). The framework alone would read any <c>+json</c> type as JSON, so a JSON Patch
    /// (<c>application/json-patch+json</c>) would be taken for the resource itself.
    /// </summary>
    private static Problem? CheckMediaType(HttpContext context)
    {
        if (context.Request.ContentType is not { } contentType
            || context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not { ContentTypes.Count: > 0 } accepts)
        {
            return null;
        }
        var readable = MediaTypeHeaderValue.TryParse(contentType, out var given)
            && accepts.ContentTypes.Any(accepted => given.MediaType.Equals(accepted, StringComparison.OrdinalIgnoreCase))
            && (!given.MediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
                || given.Charset.Value is null || given.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
        if (readable)
        {
            return null;
        }
        var (type, title) = ProblemResults.ForStatus(StatusCodes.Status415UnsupportedMediaType);
        return new Problem(type, StatusCodes.Status415UnsupportedMediaType, title,
            $"This operation reads {string.Join(" or ", accepts.ContentTypes)}{(accepts.ContentTypes.Contains(MediaTypeNames.Application.Json) ? " (UTF-8)" : "")}, not '{contentType}'.");
    }
}
