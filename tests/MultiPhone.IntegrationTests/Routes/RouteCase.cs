using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Routes;

/// <summary>
/// One route under a business, with what a test needs to call it successfully: the tenant-isolation matrix and the
/// malformed-input set run over every case, so a new route is covered by adding its case to its feature's list.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Pattern">The route pattern as mapped, e.g. <c>/api/v2/businesses/{businessId}/phone-numbers/{phoneId}</c>.</param>
/// <param name="Lowest">The lowest business role allowed to call it.</param>
/// <param name="Prepare">Creates what the call needs in the tenant and returns a call that would succeed.</param>
/// <param name="WrongTypes">JSON bodies with a field of this route's body of the wrong type or an unknown enum value.</param>
public sealed record RouteCase(string Method, string Pattern, BusinessRole Lowest, Func<Tenant, Task<RouteTarget>> Prepare, params string[] WrongTypes)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <param name="Url">The URL to call.</param>
/// <param name="Body">A valid body (null for none).</param>
/// <param name="ETag">A current ETag for If-Match, when the route needs one.</param>
/// <param name="StateUrl">A GET whose answer must not change when the call is refused.</param>
public sealed record RouteTarget(string Url, object? Body, string? ETag, string StateUrl);
