using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiPhone.Common;

/// <summary>
/// The JSON of the API: web defaults (camelCase), enums as camelCase strings and never as numbers, numbers only as numbers. The app's HTTP
/// options use <see cref="Configure"/>; code that renders responses ahead of time (the agent configuration) uses
/// <see cref="Options"/>, so both write the same JSON.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // Numbers are JSON numbers, as the OpenAPI document says; the web defaults would also read them from strings.
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
