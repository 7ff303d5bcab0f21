
namespace MultiPhone.Functions.Auth;

/// <summary>The lowest role an endpoint under <c>/businesses/{businessId}</c> needs; the most specific one applies.</summary>
public sealed record RequiredBusinessRole(BusinessRole Role);

/// <summary>A platform role that may read this endpoint of any business, as a viewer would (voice agents loading a phone's configuration).</summary>
public sealed record PlatformReader(string Role);

/// <summary>
/// Tenant isolation for every route under <c>/businesses/{businessId}</c>: a caller who is not a member gets the same
/// 404 as for a business that does not exist, so nothing reveals that it does; a member whose role is too low gets 403.
/// </summary>
public sealed class BusinessAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var businessId = http.GetRouteValue("businessId") as string ?? "";
        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredBusinessRole>()?.Role ?? BusinessRole.Admin;
        var caller = Caller.From(http.User);
        var role = caller.RoleIn(businessId);
        if (role is null && http.GetEndpoint()?.Metadata.GetMetadata<PlatformReader>() is { } reader && caller.PlatformRoles.Contains(reader.Role))
        {
            role = BusinessRole.Viewer;
        }
        if (role is null)
        {
            return Problem.NotFound($"Business '{businessId}' was not found.").ToHttp();
        }
        if (role < required)
        {
            return Problem.Forbidden($"This needs the {required.ToString().ToLowerInvariant()} role in the business; you are {role.Value.ToString().ToLowerInvariant()}.").ToHttp();
        }
        return await next(context);
    }
}

public static class BusinessAccessExtensions
{
    /// <summary>Puts every endpoint of the group under tenant isolation, readable by viewers unless an endpoint asks for more.</summary>
    public static RouteGroupBuilder RequireBusinessMember(this RouteGroupBuilder group) => group
        .AddEndpointFilter<BusinessAccessFilter>()
        .WithMetadata(new RequiredBusinessRole(BusinessRole.Viewer))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    public static TBuilder RequireBusinessRole<TBuilder>(this TBuilder builder, BusinessRole role)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredBusinessRole(role));

    public static TBuilder AllowPlatformReader<TBuilder>(this TBuilder builder, string platformRole)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new PlatformReader(platformRole));

    public static bool IsPlatformRole(this HttpContext http, string role) => Caller.From(http.User).PlatformRoles.Contains(role);
}
