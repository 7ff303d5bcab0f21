using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace MultiPhone.Functions.Hosting;

/// <summary>The OpenAPI document at <c>/api/openapi/v2.json</c> and the reference page at <c>/api/docs</c>.</summary>
public static class OpenApiDocs
{
    public const string DocumentName = "v2";
    private const string DocumentRoute = "/api/openapi/{documentName}.json";

    public static IServiceCollection AddOpenApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MultiPhone API",
                    Version = "v2",
                    Description = "Phone numbers (locations) of a business and their configuration. Every route needs a bearer token; "
                        + "errors are RFC 9457 problem details whose `type` is a stable `urn:multiphone:problem:*` identifier.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Locally: `scripts/token.sh --sub you --business ID:admin`.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
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
                return Task.CompletedTask;
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
