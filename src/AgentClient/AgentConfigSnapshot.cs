using System.Text.Json;

namespace MultiPhone.AgentClient;

/// <summary>
/// A phone's configuration as <c>GET /api/v2/voice/agent-config</c> returns it. <see cref="Json"/> is the whole
/// document (voice, rules, hours, sms with the source of every field, staff, services, openNow, nextChangeAt).
/// </summary>
public sealed class AgentConfigSnapshot
{
    private AgentConfigSnapshot(JsonElement json, string etag)
    {
        Json = json;
        ETag = etag;
    }

    public JsonElement Json { get; }

    /// <summary>Sent back as If-None-Match: the server answers 304 while nothing an agent acts on changed.</summary>
    public string ETag { get; }

    public string Version => Json.GetProperty("version").GetString()!;

    public string BusinessId => Json.GetProperty("business").GetProperty("id").GetString()!;

    public string PhoneId => Json.GetProperty("phone").GetProperty("id").GetString()!;

    public bool OpenNow => Json.GetProperty("openNow").GetBoolean();

    /// <summary>An effective field of a section, e.g. <c>Effective("voice", "greeting")</c>.</summary>
    public JsonElement Effective(string section, string field) => Json.GetProperty(section).GetProperty("effective").GetProperty(field);

    internal static AgentConfigSnapshot Parse(string body, string etag) => new(JsonDocument.Parse(body).RootElement.Clone(), etag);
}
