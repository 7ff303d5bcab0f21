using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiPhone.AgentClient;

/// <summary>
/// A phone's configuration as <c>GET /api/v2/voice/agent-config</c> returns it, with what realtime messages carried
/// since applied to it. <see cref="Json"/> is the whole document (voice, rules, hours, sms with the source of every
/// field, staff, services, openNow, nextChangeAt).
/// </summary>
public sealed class AgentConfigSnapshot
{
    private AgentConfigSnapshot(JsonElement json, string? etag)
    {
        Json = json;
        ETag = etag;
    }

    public JsonElement Json { get; }

    /// <summary>
    /// Sent back as If-None-Match: the server answers 304 while nothing an agent acts on changed. Null once a message
    /// changed the configuration, since the server's tag no longer describes it.
    /// </summary>
    public string? ETag { get; }

    /// <summary>The server's version of the document as read; null once a message changed it (the server hashes the whole document).</summary>
    public string? Version => Json.TryGetProperty("version", out var version) ? version.GetString() : null;

    public string BusinessId => Json.GetProperty("business").GetProperty("id").GetString()!;

    public string PhoneId => Json.GetProperty("phone").GetProperty("id").GetString()!;

    public bool OpenNow => Json.GetProperty("openNow").GetBoolean();

    /// <summary>An effective field of a section, e.g. <c>Effective("voice", "greeting")</c>.</summary>
    public JsonElement Effective(string section, string field) => Json.GetProperty(section).GetProperty("effective").GetProperty(field);

    internal static AgentConfigSnapshot Parse(string body, string etag) => new(JsonDocument.Parse(body).RootElement.Clone(), etag);

    /// <summary>Whether both tell an agent the same: the server's version and when openNow was worked out aside.</summary>
    internal bool SaysTheSameAs(AgentConfigSnapshot other) => JsonNode.DeepEquals(Content(Json), Content(other.Json));

    private static JsonObject Content(JsonElement json)
    {
        var content = JsonSerializer.SerializeToNode(json)!.AsObject();
        content.Remove("version");
        content.Remove("evaluatedAt");
        return content;
    }

    /// <summary>This configuration changed by <paramref name="change"/>, with neither the server's version nor its tag.</summary>
    internal AgentConfigSnapshot With(Action<JsonObject> change)
    {
        var json = JsonSerializer.SerializeToNode(Json)!.AsObject();
        json.Remove("version");
        change(json);
        return new(JsonSerializer.SerializeToElement(json), etag: null);
    }
}
