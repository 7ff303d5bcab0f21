
namespace MultiPhone.Functions.Hosting;

/// <summary>The app without the Functions host, as Program.cs runs it and the dev-data app (tools/MultiPhone.DevData) extends it.</summary>
public static class StandaloneApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? extend = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddStandaloneHosting(args);
        builder.AddMultiPhone();
        builder.AddLocalDurableTask();
        extend?.Invoke(builder);
        return builder.Build();
    }

    public static Task ServeAsync(this WebApplication app)
    {
        app.UseApi();
        app.MapConsole();
        return app.RunAsync();
    }
}
