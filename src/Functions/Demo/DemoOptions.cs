namespace MultiPhone.Functions.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>
    /// The demo business is seeded at start (local development only): the dev-data app (tools/MultiPhone.DevData) then
    /// seeds it, and the app maps the demo sign-in.
    /// </summary>
    public bool Seed { get; set; }

    /// <summary>Where the dev-data app writes ready-to-use tokens for the demo business, one per role.</summary>
    public string? TokensFile { get; set; }
}

public static class DemoRegistration
{
    public static IServiceCollection AddDemoOptions(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        return services;
    }
}
