using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MultiPhone.Functions.Hosting;

namespace MultiPhone.Functions.OpenApi;

/// <summary>Endpoint metadata: a request header the endpoint cannot do without (the webhooks' signature).</summary>
public sealed record RequiredHeader(string Name, string Description);

/// <summary>Endpoint metadata: the endpoint answers without any I/O, so it is never unavailable (liveness).</summary>
public sealed record AnswersWithoutIo;

/// <summary>
/// What the generated OpenAPI document cannot know from the endpoints alone, added the same way for every operation:
/// who may call it, every error status it can answer with (all as one <c>Problem</c> schema), and the shape rules
/// strict clients rely on. Each rule here mirrors one place in the pipeline that answers with that status.
/// </summary>
internal static class OpenApiConventions
{
    public const string BearerScheme = "bearer";
    private const string ProblemSchema = "Problem";
    private const string ProblemContentType = "application/problem+json";
    private const string NotNullKey = "multiphone-not-null";
    private const string ReadOnlyKey = "multiphone-read-only";

    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [400] = "The input is not valid (`validation`, naming each field in `errors`) or cannot be read (`malformed-request`).",
        [401] = "No bearer token, or an invalid or expired one (`unauthorized`).",
        [403] = "Not allowed: the role is too low (`forbidden`) or, for webhooks, the signature does not verify (`invalid-signature`).",
        [404] = "Not found (`not-found`), also when it belongs to a business the caller is not a member of.",
        [409] = "A conflict with the current state (`phone-number-taken`, `primary-required`, `phone-number-limit`, `idempotency-in-progress`).",
        [412] = "If-Match names a version that is no longer current (`precondition-failed`).",
        [413] = "The body is larger than the API accepts (`payload-too-large`).",
        [415] = "The body is not of a media type this operation reads (`unsupported-media-type`).",
        [422] = "The Idempotency-Key was first used with another body (`idempotency-mismatch`).",
        [428] = "If-Match is missing (`precondition-required`).",
        [503] = "The database is busy or unreachable; retry after Retry-After (`service-unavailable`).",
    };

    /// <summary>Who may call the operation, and which error statuses the shared pipeline adds to its own.</summary>
    public static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= [];
        operation.Parameters ??= [];
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            // Overrides the document's bearer requirement: health routes and the (signed) webhooks.
            operation.Security = [];
        }
        else
        {
            AddProblem(operation, 401);
            if (metadata.OfType<AuthorizeAttribute>().Any(a => a.Roles is not null) || metadata.OfType<AuthorizationPolicy>().Any())
            {
                AddProblem(operation, 403);
            }
        }
        foreach (var header in metadata.OfType<RequiredHeader>())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Required = true,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In is ParameterLocation.Path or ParameterLocation.Query))
        {
            DescribeParameter(parameter);
        }
        if (operation.Parameters.Count > 0 || operation.RequestBody is not null)
        {
            // RequestRules and parameter binding answer 400 for any parameter; body reading also 413 and 415.
            AddProblem(operation, 400);
        }
        if (operation.RequestBody is not null)
        {
            AddProblem(operation, 413);
            AddProblem(operation, 415);
        }
        if (!metadata.OfType<AnswersWithoutIo>().Any())
        {
            AddProblem(operation, 503);
        }
        if (metadata.OfType<DeprecatedEndpoint>().Any())
        {
            operation.Deprecated = true;
        }
        // Every error is the one Problem schema; responses in status order, so the document reads (and diffs) well.
        var responses = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in responses)
        {
            operation.Responses[status] = IsProblem(response) ? Problem(int.Parse(status, CultureInfo.InvariantCulture), document) : response;
        }
        return Task.CompletedTask;
    }

    /// <summary>The rules RequestRules applies, stated on each parameter they apply to.</summary>
    private static void DescribeParameter(OpenApiParameter parameter)
    {
        if (parameter.Schema is not OpenApiSchema schema || schema.Type != JsonSchemaType.String)
        {
            return;
        }
        if (RequestRules.IsIdName(parameter.Name!))
        {
            schema.Pattern = Ids.Pattern;
            schema.MaxLength = Ids.MaxLength;
        }
        else if (schema.Format == "date-time")
        {
            parameter.Description = TimeRange.Rule;
        }
    }

    /// <summary>Document-wide: where it is served, the security scheme, tags, and schemas strict validators accept.</summary>
    public static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        // Not the server the request came through, so the document is the same wherever it is read.
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "{scheme}://{host}",
                Description = "Where the API runs: locally http and localhost:7071 (scripts/run.sh); in Azure https and the Function App's host.",
                Variables = new Dictionary<string, OpenApiServerVariable>
                {
                    ["scheme"] = new() { Default = "http", Enum = ["http", "https"] },
                    ["host"] = new() { Default = $"localhost:{StandaloneHosting.LocalPort}", Description = "Host name and port." },
                },
            },
        ];
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var name in MetadataNames(schema, ReadOnlyKey))
            {
                if (schema.Properties![name] is OpenApiSchemaReference reference)
                {
                    schema.Properties[name] = new OpenApiSchema { AllOf = [reference], ReadOnly = true };
                }
            }
            foreach (var name in NotNullNames(schema))
            {
                if (schema.Properties![name] is OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, { } other] })
                {
                    schema.Properties[name] = other;
                }
            }
            // Nullable enums are referenced as oneOf [null, enum]; a null inside the enum too would match both branches.
            if (schema.Enum is { } values && values.Any(v => v is null))
            {
                schema.Enum = [.. values.Where(v => v is not null)];
            }
        }
        document.Components.Schemas = new SortedDictionary<string, IOpenApiSchema>(document.Components.Schemas, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A property marked <see cref="RequiredAttribute"/> must be sent, and with a value: the rules refuse null for it as
    /// they refuse its absence, so the document allows neither.
    /// </summary>
    public static Task RequiredIsNotNull(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return Task.CompletedTask;
        }
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
                && schema.Properties.TryGetValue(property.Name, out var value))
            {
                if (value is OpenApiSchema { Type: { } type } plain)
                {
                    WithType(plain, type & ~JsonSchemaType.Null);
                }
                // Nullable references are wrapped in oneOf [null, ...] after this runs; DescribeDocument unwraps them.
                schema.Metadata ??= new Dictionary<string, object>();
                schema.Metadata[NotNullKey] = NotNullNames(schema).Append(property.Name).ToArray();
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A body's output-only members (<see cref="OutputOnlyMembersAttribute"/>) are readOnly: a client may send back what
    /// it read, and they are ignored.
    /// </summary>
    public static Task OutputOnlyIsReadOnly(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return Task.CompletedTask;
        }
        var names = OutputOnlyMembersAttribute.Of(context.JsonTypeInfo.Type, context.JsonTypeInfo.Options).Select(member => member.Name).ToArray();
        foreach (var name in names)
        {
            if (schema.Properties.TryGetValue(name, out var property) && property is OpenApiSchema plain)
            {
                plain.ReadOnly = true;
            }
        }
        if (names.Length > 0)
        {
            // Schemas of their own (enums, objects) become references after this runs; DescribeDocument marks those.
            schema.Metadata ??= new Dictionary<string, object>();
            schema.Metadata[ReadOnlyKey] = names;
        }
        return Task.CompletedTask;
    }

    private static string[] NotNullNames(OpenApiSchema schema) => MetadataNames(schema, NotNullKey);

    private static string[] MetadataNames(OpenApiSchema schema, string key) =>
        schema.Metadata is { } metadata && metadata.TryGetValue(key, out var names) ? (string[])names : [];

    private static OpenApiSchema WithType(OpenApiSchema schema, JsonSchemaType type)
    {
        schema.Type = type;
        if (schema.Enum is { } values)
        {
            schema.Enum = [.. values.Where(v => v is not null)];
        }
        return schema;
    }

    private static bool IsProblem(IOpenApiResponse response) => response.Content?.ContainsKey(ProblemContentType) == true;

    private static void AddProblem(OpenApiOperation operation, int status)
    {
        // The schema reference is set when responses are rewritten, since the document is needed for it.
        operation.Responses!.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemContentType] = new() },
        });
    }

    private static OpenApiResponse Problem(int status, OpenApiDocument document) => new()
    {
        Description = ProblemDescriptions.GetValueOrDefault(status, "An error (a problem whose `type` says which)."),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    /// <summary>RFC 9457 problem details as this API writes them (docs/problems.md).</summary>
    private static OpenApiSchema ProblemDetailsSchema()
    {
        var slugs = typeof(ProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(ProblemTypes.Prefix))
            .Select(f => (JsonNode)JsonValue.Create(ProblemTypes.Prefix + (string)f.GetRawConstantValue()!)!)
            .ToList();
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem. Switch on `type`; `errors` names each bad field of a validation problem.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = slugs, Description = "urn:multiphone:problem: and a slug of docs/problems.md." },
                ["title"] = text,
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = text,
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request path." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Finds the request in the logs." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
                },
            },
        };
    }
}
