using System.Security.Claims;
using MultiPhone.Functions.Auth;

namespace MultiPhone.UnitTests;

public sealed class CallerTests
{
    private static Caller From(string? subject = "user-1", string[]? businesses = null, string[]? roles = null)
    {
        var claims = new List<Claim>();
        if (subject is not null)
        {
            claims.Add(new Claim("sub", subject));
        }
        claims.AddRange((businesses ?? []).Select(b => new Claim(Caller.BusinessClaim, b)));
        claims.AddRange((roles ?? []).Select(r => new Claim(Caller.RoleClaim, r)));
        return Caller.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer")));
    }

    [Theory]
    [InlineData("biz:admin", "biz", BusinessRole.Admin)]
    [InlineData("biz:editor", "biz", BusinessRole.Editor)]
    [InlineData("biz:viewer", "biz", BusinessRole.Viewer)]
    [InlineData("biz:ADMIN", "biz", BusinessRole.Admin)]
    [InlineData("biz:Editor", "biz", BusinessRole.Editor)]
    [InlineData("vIeWeR-co:vIeWeR", "vIeWeR-co", BusinessRole.Viewer)]
    public void MembershipIsBusinessIdColonRoleWithCaseInsensitiveRole(string value, string businessId, BusinessRole role)
    {
        Assert.True(Caller.TryParseMembership(value, out var parsedId, out var parsedRole));
        Assert.Equal(businessId, parsedId);
        Assert.Equal(role, parsedRole);
    }

    [Theory]
    [InlineData("tenant:eu:biz:editor", "tenant:eu:biz")]
    [InlineData("a::admin", "a:")]
    public void BusinessIdContainingColonsSplitsAtTheLastColon(string value, string businessId)
    {
        Assert.True(Caller.TryParseMembership(value, out var parsedId, out _));
        Assert.Equal(businessId, parsedId);
    }

    [Theory]
    [InlineData("biz:owner")] // unknown role
    [InlineData("biz:3")] // numeric value of Admin
    [InlineData("biz:1")]
    [InlineData("biz:0")]
    [InlineData("biz:-1")]
    [InlineData("biz:")]
    [InlineData(":admin")] // no business id
    [InlineData("biz")]
    [InlineData("admin")]
    [InlineData("")]
    [InlineData("biz:admin ")]
    [InlineData("biz: admin")]
    [InlineData("biz:admin:")]
    public void MalformedMembershipIsRefused(string value) =>
        Assert.False(Caller.TryParseMembership(value, out _, out _));

    [Fact]
    public void CallerIsReadFromClaims()
    {
        var caller = From("alice", ["a:viewer", "b:admin"], ["voice-agent"]);

        Assert.Equal("alice", caller.Subject);
        Assert.Equal(new Dictionary<string, BusinessRole> { ["a"] = BusinessRole.Viewer, ["b"] = BusinessRole.Admin }, caller.Businesses);
        Assert.Equal(["voice-agent"], caller.PlatformRoles);
    }

    [Fact]
    public void MissingSubjectBecomesEmpty() =>
        Assert.Equal("", From(subject: null).Subject);

    [Fact]
    public void MalformedMembershipClaimsAreIgnored()
    {
        var caller = From(businesses: ["good:editor", "bad:owner", "worse:3", "nothing"]);

        Assert.Equal(["good"], caller.Businesses.Keys);
    }

    [Theory]
    [InlineData("biz:viewer", "biz:admin", "biz:editor")]
    [InlineData("biz:admin", "biz:viewer", "biz:editor")]
    [InlineData("biz:editor", "biz:viewer", "biz:admin")]
    public void BusinessNamedTwiceKeepsTheHighestRole(params string[] memberships) =>
        Assert.Equal(BusinessRole.Admin, From(businesses: memberships).RoleIn("biz"));

    [Fact]
    public void MemberHasItsRoleInItsBusinessesOnly()
    {
        var caller = From(businesses: ["a:viewer", "b:editor"]);

        Assert.Equal(BusinessRole.Viewer, caller.RoleIn("a"));
        Assert.Equal(BusinessRole.Editor, caller.RoleIn("b"));
        Assert.Null(caller.RoleIn("c"));
    }

    [Fact]
    public void BusinessIdsAreCaseSensitive()
    {
        var caller = From(businesses: ["Acme:admin"]);

        Assert.Equal(BusinessRole.Admin, caller.RoleIn("Acme"));
        Assert.Null(caller.RoleIn("acme"));
    }

    [Fact]
    public void RolesAreOrderedViewerEditorAdmin()
    {
        Assert.True(BusinessRole.Viewer < BusinessRole.Editor);
        Assert.True(BusinessRole.Editor < BusinessRole.Admin);
    }

    [Fact]
    public void CallerWithoutMembershipsHasNoRoleAnywhere() =>
        Assert.Null(From().RoleIn("biz"));

    [Theory]
    [InlineData("any-business")]
    [InlineData("a")]
    [InlineData("")]
    public void OpsIsAdminOfEveryBusiness(string businessId) =>
        Assert.Equal(BusinessRole.Admin, From(roles: [PlatformRoles.Ops]).RoleIn(businessId));

    [Fact]
    public void OpsIsAdminEvenWhereAlsoAViewer() =>
        Assert.Equal(BusinessRole.Admin, From(businesses: ["a:viewer"], roles: [PlatformRoles.Ops]).RoleIn("a"));

    [Fact]
    public void VoiceAgentHasNoBusinessRole() =>
        Assert.Null(From(roles: [PlatformRoles.VoiceAgent]).RoleIn("biz"));

    [Fact]
    public void PlatformRolesAreCaseSensitive() =>
        Assert.Null(From(roles: ["OPS"]).RoleIn("biz"));
}
