using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>
/// Holds every response the tests receive to the reviewed OpenAPI document (docs/openapi/v2.json): its status must be
/// documented for the operation, its media type documented for that status, and a JSON body must match the schema the
/// document gives there. Requests the document has no operation for (unknown routes, wrong methods, the document
/// itself) are not held to it. A response that breaks the contract fails the test that received it.
/// </summary>
public sealed class ContractValidator : DelegatingHandler
{
    private static readonly Uri DocumentUri = new("https://multiphone.test/openapi/v2.json");
    private static readonly Lazy<Contract> Shared = new(Contract.Load);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Shared.Value.Find(request.Method, request.RequestUri!.AbsolutePath) is not { } operation)
        {
            return response;
        }
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var where = $"{request.Method} {request.RequestUri.PathAndQuery} answered {status}";
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!operation.Value.GetProperty("responses").TryGetProperty(status, out var documented))
        {
            throw new Xunit.Sdk.XunitException($"Contract: {where}, a status the document does not give for {operation.Name}. Body: {Shorten(body)}");
        }
        if (body.Length == 0)
        {
            return response;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!documented.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out _))
        {
            throw new Xunit.Sdk.XunitException($"Contract: {where} with {mediaType}, which the document does not give for it.");
        }
        if (mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            var pointer = $"{operation.Pointer}/responses/{status}/content/{Escape(mediaType)}/schema";
            var results = Shared.Value.Schema(pointer).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
            {
                var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.SchemaLocation})"));
                throw new Xunit.Sdk.XunitException($"Contract: {where} with a body that does not match {pointer}:\n  "
                    + string.Join("\n  ", errors.Take(10)) + $"\nBody: {Shorten(body)}");
            }
        }
        return response;
    }

    /// <summary>A JSON Pointer token as it goes into a URI fragment ("application/problem+json" is "application~1problem%2Bjson").</summary>
    private static string Escape(string token) =>
        Uri.EscapeDataString(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    private static string Shorten(string text) => text.Length > 1000 ? text[..1000] + "..." : text;

    private sealed record Operation(string Name, string Pointer, JsonElement Value);

    /// <summary>The document's operations by path template, and the schemas built from it so far.</summary>
    private sealed class Contract(JsonElement document, List<(Regex Path, string Template)> paths, BuildOptions build)
    {
        private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

        public static Contract Load()
        {
            var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "openapi", "v2.json"))).RootElement;
            var paths = document.GetProperty("paths").EnumerateObject()
                .Select(path => (new Regex("^" + Regex.Replace(Regex.Escape(path.Name), @"\\\{[^}]+}", "[^/]+") + "$"), path.Name))
                .ToList();
            var registry = new SchemaRegistry();
            registry.Register(DocumentUri, new JsonElementBaseDocument(document, DocumentUri));
            return new Contract(document, paths, new BuildOptions { SchemaRegistry = registry });
        }

        public Operation? Find(HttpMethod method, string path)
        {
            // A literal segment wins over a parameter: .../services/switched-off is not .../services/{serviceId}.
            foreach (var (_, template) in paths.Where(p => p.Path.IsMatch(path)).OrderBy(p => p.Template.Count(c => c == '{')))
            {
                if (document.GetProperty("paths").GetProperty(template).TryGetProperty(method.Method.ToLowerInvariant(), out var operation))
                {
                    return new Operation($"{method} {template}", $"/paths/{Escape(template)}/{method.Method.ToLowerInvariant()}", operation);
                }
            }
            return null;
        }

        public JsonSchema Schema(string pointer) => _schemas.GetOrAdd(pointer, p =>
            JsonSchema.FromText(JsonSerializer.Serialize(new Dictionary<string, string> { ["$ref"] = $"{DocumentUri}#{p}" }), build));
    }
}
