using System.Net.Http.Headers;
using System.Text.Json;

namespace MultiPhone.Bench;

internal static class JsonBody
{
    /// <summary>
    /// Serialized before the request is timed, so the latency holds no client-side serialization, and sent with a
    /// Content-Length as typical clients do (JsonContent would stream it chunked).
    /// </summary>
    public static ByteArrayContent Create(object body) =>
        new(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        };
}
