using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MultiPhone.AgentConfig;
using MultiPhone.Functions.Api;
using MultiPhone.History;
using MultiPhone.Settings;

namespace MultiPhone.Functions.OpenApi;

/// <summary>
/// The registered settings sections (<see cref="SettingsSections"/>) in the OpenAPI document: their names as one enum
/// (which the console's generated client carries as its list of sections), and each in the agent configuration.
/// </summary>
internal static class OpenApiSections
{
    public const string NameSchema = "SettingsSectionName";

    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var sections = context.ApplicationServices.GetRequiredService<SettingsSections>();
        var schemas = document.Components!.Schemas!;
        schemas[NameSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. sections.Names.Select(name => (JsonNode)JsonValue.Create(name))],
            Description = "A settings section, in the order the console shows them.",
        };
        var named = new List<string> { nameof(SectionInheritance) };
        foreach (var section in sections.All)
        {
            named.Add($"{nameof(PhoneSectionResponse<>)}Of{section.Type.Name}");
            named.Add($"{nameof(DefaultSectionResponse<>)}Of{section.Type.Name}");
            AddToAgentConfiguration(document, section);
        }
        foreach (var schema in named.Where(schemas.ContainsKey).Select(name => schemas[name]).OfType<OpenApiSchema>())
        {
            schema.Properties!["section"] = new OpenApiSchemaReference(NameSchema, document);
        }
        // A revision names its section when it is about one.
        ((OpenApiSchema)schemas[nameof(RevisionTarget)]).Properties!["section"] = new OpenApiSchema
        {
            OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, new OpenApiSchemaReference(NameSchema, document)],
        };
        return Task.CompletedTask;
    }

    /// <summary>A section the agent configuration does not type (<see cref="AgentConfiguration.OtherSections"/>) is there by its name.</summary>
    private static void AddToAgentConfiguration(OpenApiDocument document, SettingsSection section)
    {
        var schemas = document.Components!.Schemas!;
        var configuration = (OpenApiSchema)schemas[nameof(AgentConfiguration)];
        if (configuration.Properties!.ContainsKey(section.Name))
        {
            return;
        }
        var resolved = $"{nameof(ResolvedSection<>)}Of{section.Type.Name}";
        schemas[resolved] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "effective", "sources" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["effective"] = new OpenApiSchemaReference(section.Type.Name, document),
                ["sources"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchemaReference(nameof(SettingSource), document),
                },
            },
            AdditionalPropertiesAllowed = false,
        };
        configuration.Properties[section.Name] = new OpenApiSchemaReference(resolved, document);
        configuration.Required!.Add(section.Name);
    }
}
