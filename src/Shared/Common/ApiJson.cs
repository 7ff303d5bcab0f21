using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MultiPhone.Common;

/// <summary>
/// The JSON of the API: web defaults (camelCase), enums as camelCase strings and never as numbers, numbers only as
/// numbers. The app's HTTP options use <see cref="Configure"/>; code that renders responses ahead of time (the agent
/// configuration) uses <see cref="Options"/>, so both write the same JSON.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // Numbers are JSON numbers, as the OpenAPI document says; the web defaults would also read them from strings.
        options.NumberHandling = JsonNumberHandling.Strict;
        // A request body is read whole or refused (I-JSON, RFC 7493): a name given twice is ambiguous (other readers
        // keep the first, this one would keep the last), and a member the operation does not know is refused rather
        // than skipped. Skipping would also skip checking it: the reader validates UTF-8 and surrogates only in the
        // strings it converts. A misspelt setting would otherwise be absent, which here means "inherit".
        options.AllowDuplicateProperties = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AcceptOutputOnlyMembers);
    }

    /// <summary>
    /// A body may carry the output-only members its type declares (<see cref="OutputOnlyMembersAttribute"/>): they are
    /// read as the representation types them, so still checked, and dropped. They are never written.
    /// </summary>
    private static void AcceptOutputOnlyMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        foreach (var (name, type) in OutputOnlyMembersAttribute.Of(info.Type, info.Options))
        {
            var property = info.CreateJsonPropertyInfo(type, name);
            property.Set = static (_, _) => { };
            info.Properties.Add(property);
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
