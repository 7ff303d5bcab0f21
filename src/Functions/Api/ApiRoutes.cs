using MultiPhone.Functions.OpenApi;
using MultiPhone.Functions.Realtime;

namespace MultiPhone.Functions.Api;

/// <summary>The route table: every resource's <c>MapXxx</c>, grouped by who may call it.</summary>
public static class ApiRoutes
{
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapOpenApiDocs();
        app.MapGroup("/api/v2/businesses/{businessId}")
            .RequireAuthorization()
            .RequireBusinessMember()
            .RetryLostRacesUnderIfMatchAny()
            .MapBusinesses()
            .MapPhoneNumbers()
            .MapStaff()
            .MapPhoneStaff()
            .MapServices()
            .MapPhoneServices()
            .MapPhoneSettings()
            .MapDefaultSettings()
            .MapHistory()
            .MapScheduledChanges()
            .MapBulkEdits()
            .MapSubscription()
            .MapIntegrations()
            .MapPhoneAgentConfig();
        app.MapRealtimeHub();
        app.MapGroup("/api/v2")
            .RequireAuthorization()
            .MapRealtime()
            .MapVoiceAgentConfig()
            .MapWebhooks()
            .MapMigrations()
            .MapBenchmarkBaseline(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapGroup("/api/v1/businesses/{businessId}")
            .RequireAuthorization()
            .MarkDeprecated()
            .RequireBusinessMember()
            .RetryLostRacesUnderIfMatchAny(absentMeansAny: true)
            .MapLegacySettings();
        return app;
    }
}
