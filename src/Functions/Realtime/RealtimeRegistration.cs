using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiPhone.Cosmos;
using MultiPhone.Realtime;
using MultiPhone.Realtime.SignalRService;

namespace MultiPhone.Functions.Realtime;

public static class RealtimeRegistration
{
    /// <summary>
    /// Routing of the change feed to channels, and the transport: Azure SignalR Service when <c>SignalR</c> is
    /// configured (required under the Functions host), else the app's own hub.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignalRServiceOptions>().BindConfiguration(SignalRServiceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddCosmosContainer(new ContainerDefinition(ChangeFeedListener.LeasesContainer, "/id"));
        // The change feed's reads are paced, and this instance's writes wake them, in the Cosmos client's pipeline.
        // What the cache's feed readers have read, shared with the agent-configuration cache (AddAgentConfig).
        services.TryAddSingleton<CacheFeeds>();
        services.AddSingleton<ChangeFeedPacer>().AddSingleton<RequestHandler>(sp => sp.GetRequiredService<ChangeFeedPacer>());
        services.AddSingleton<ChannelAccess>()
            .AddSingleton<ChangeRouter>()
            .AddHostedService<ChangeFeedListener>();
        if (UsesSignalRService(configuration))
        {
            services.AddSingleton<TokenCredential>(new DefaultAzureCredential())
                .AddSingleton<SignalRServiceTokens>()
                .AddTransient<SignalRServiceAuthentication>()
                .AddHttpClient<IRealtimeTransport, SignalRServiceTransport>()
                .AddHttpMessageHandler<SignalRServiceAuthentication>();
            return services;
        }
        services.AddSignalR();
        services.AddSingleton<RealtimeConnections>().AddSingleton<IRealtimeTransport, LocalHubTransport>();
        // Browsers cannot put headers on a WebSocket: the hub also takes the bearer token from access_token.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Events ??= new JwtBearerEvents();
            jwt.Events.OnMessageReceived = context =>
            {
                if (context.HttpContext.Request.Path.StartsWithSegments(RealtimeHub.Path)
                    && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                {
                    context.Token = token;
                }
                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The app's own hub, when it is the transport.</summary>
    public static IEndpointRouteBuilder MapRealtimeHub(this IEndpointRouteBuilder app)
    {
        if (!UsesSignalRService(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            // A connection lasts no longer than the token it was opened with: a client reconnects with a fresh token.
            app.MapHub<RealtimeHub>(RealtimeHub.Path, hub => hub.CloseOnAuthenticationExpiration = true);
        }
        return app;
    }

    public static bool UsesSignalRService(IConfiguration configuration) =>
        configuration.GetSection(SignalRServiceOptions.Section).Get<SignalRServiceOptions>()?.Configured == true;
}
