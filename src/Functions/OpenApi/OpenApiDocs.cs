using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MultiPhone.Businesses;
using Scalar.AspNetCore;

namespace MultiPhone.Functions.OpenApi;

/// <summary>The OpenAPI document at <c>/api/openapi/v2.json</c> and the reference page at <c>/api/docs</c>.</summary>
public static class OpenApiDocs
{
    public const string DocumentName = "v2";
    private const string DocumentRoute = "/api/openapi/{documentName}.json";

    /// <summary>What each tag groups, in the order the reference page shows them.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Health", "Whether an instance runs (liveness) and can serve requests (readiness). No token needed."),
        ("Businesses", "A business: its name and company profile. Every other business route is below it."),
        ("Phone numbers", "The business's locations, one phone number each, exactly one of them primary."),
        ("Staff", "Staff members of the business, and who works at each location."),
        ("Services", "Services the business offers everywhere, and what each location offers."),
        ("Phone settings", "A phone's own override of each settings section, what applies, and where each field comes from."),
        ("Business default settings", "The defaults every inheriting phone follows."),
        ("Scheduled changes", "Changes of a phone's settings or the business defaults applied at a chosen time, in each location's own time zone; previews of what will be in effect with `?at=` (docs/scheduled-changes.md)."),
        ("Bulk edits", "One change to many locations (by ids, label, all or time zone): previewed per location against inheritance, applied in the background, undone as a whole (docs/bulk-edits.md)."),
        ("History", "Every change of the business's configuration: who, when, what changed and which phones it reached; restore a version or undo one change (docs/history.md)."),
        ("Subscription", "The plan and its phone-number limit."),
        ("Integrations", "Connections to other systems; secret values are write-only."),
        ("Voice agents", "What a voice agent loads on every call: the resolved configuration of one phone."),
        ("Realtime", "Live changes: negotiate a SignalR connection, then subscribe it to the business and phone channels (docs/realtime.md)."),
        ("Legacy migration (ops)", "Operations move legacy single-phone businesses to the multi-phone model as a Durable orchestration (docs/migration.md)."),
        ("Telephony webhooks", "Calls and texts arriving from the telephony provider, signed by it instead of a bearer token."),
        ("Deprecated v1 settings", "The pre-multi-phone settings routes, acting on the primary phone until their sunset."),
    ];

    public static IServiceCollection AddOpenApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, context, ct) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MultiPhone API",
                    Version = "v2",
                    Description = "Phone numbers (locations) of a business and their configuration. Every route needs a bearer token "
                        + "except the health routes and the telephony webhooks, which are signed; errors are RFC 9457 problem details "
                        + "whose `type` is a stable `urn:multiphone:problem:*` identifier.",
                    Contact = new OpenApiContact { Name = "MultiPhone", Url = new Uri("https://multiphone.example/support") },
                    License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://multiphone.example/terms") },
                };
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[OpenApiConventions.BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Locally: `scripts/token.sh --sub you --business ID:admin`.",
                };
                return OpenApiConventions.DescribeDocument(document, context, ct);
            });
            options.AddDocumentTransformer(OpenApiSections.Describe);
            options.AddSchemaTransformer(OpenApiConventions.RequiredIsNotNull);
            options.AddSchemaTransformer(OpenApiConventions.OutputOnlyIsReadOnly);
            options.AddOperationTransformer((operation, context, ct) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentMetadata>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IdempotencyFilter<object>.Header,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Makes retries safe: a retry with the same key and body returns the first response; "
                            + "the same key with another body is refused (422). Remembered for 24 hours.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                    });
                }
                return OpenApiConventions.DescribeOperation(operation, context, ct);
            });
        });

    public static IEndpointRouteBuilder MapOpenApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("MultiPhone API")
            .WithOpenApiRoutePattern(DocumentRoute)
            .AddDocument(DocumentName, "MultiPhone API v2"))
            .AllowAnonymous();
        return app;
    }
}
