using System.Reflection;
using System.Text.Json;

namespace MultiPhone.Common;

/// <summary>
/// On a request body type: the members of <see cref="Representation"/> (what a GET answers) that this type lacks are
/// output-only (<c>id</c>, <c>createdAt</c>, ...). A body may carry them, so a client can send back what it read,
/// and they are ignored (as Google's AIP-203 asks for output-only fields); any other unknown member is still refused.
/// <see cref="ApiJson"/> reads them and the OpenAPI document marks them readOnly; this is where they are declared.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OutputOnlyMembersAttribute(Type representation) : Attribute
{
    public Type Representation { get; } = representation;

    /// <summary>The output-only members a body of <paramref name="input"/> may carry, by JSON name; none when it declares none.</summary>
    public static IReadOnlyList<(string Name, Type Type)> Of(Type input, JsonSerializerOptions options) =>
        input.GetCustomAttribute<OutputOnlyMembersAttribute>() is { } declared
            ? [.. declared.Representation.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(member => input.GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance) is null)
                .Select(member => (options.PropertyNamingPolicy?.ConvertName(member.Name) ?? member.Name, member.PropertyType))]
            : [];
}
