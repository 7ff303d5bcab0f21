
namespace MultiPhone.Functions.Demo;

/// <summary>
/// The console's local sign-in: <c>GET /api/dev/demo-users</c> lists the demo business's users and
/// <c>POST /api/dev/demo-users/{userId}/token</c> mints one's token with the local signing key, exactly as the
/// <c>token</c> command would. Mapped only in Development with <c>Demo:Seed</c> on, so no token or key is ever in
/// the console's bundle and nothing of this exists in Azure.
/// </summary>
public static class DemoSignIn
{
    /// <summary>The demo business the dev-data app seeds (tools/MultiPhone.DevData).</summary>
    public const string BusinessId = "demo-dental";

    /// <summary>The demo business's people; their subjects are those of the demo tokens file.</summary>
    private static readonly DemoUser[] Users =
    [
        new("demo-admin", "Olivia (owner)", "Admin: phone numbers, staff, services and every setting", BusinessId, "admin"),
        new("demo-editor", "Eddie (front desk)", "Editor: changes settings of every location", BusinessId, "editor"),
        new("demo-viewer", "Vera (accountant)", "Viewer: reads everything, changes nothing", BusinessId, "viewer"),
    ];

    public static WebApplication MapDemoSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || !app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            return app;
        }
        var group = app.MapGroup("/api/dev/demo-users").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("", () => TypedResults.Ok(new DemoUserList(Users)));
        group.MapPost("/{userId}/token", IssueToken);
        return app;
    }

    private static Results<Ok<DemoToken>, ProblemHttpResult> IssueToken(string userId, TokenIssuer tokens)
    {
        if (Users.SingleOrDefault(user => user.Id == userId) is not { } found)
        {
            return Problem.NotFound($"There is no demo user '{userId}'.").ToHttp();
        }
        var role = Enum.Parse<BusinessRole>(found.Role, ignoreCase: true);
        return TypedResults.Ok(new DemoToken(found.Id, tokens.Issue(found.Id, [(found.BusinessId, role)], [], name: found.Name)));
    }
}

public sealed record DemoUser(string Id, string Name, string Description, string BusinessId, string Role);

public sealed record DemoUserList(IReadOnlyList<DemoUser> Items);

public sealed record DemoToken(string UserId, string Token);
