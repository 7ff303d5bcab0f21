using MultiPhone.AgentConfig;
using MultiPhone.BulkEdits;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.Functions.Api;
using MultiPhone.Functions.Demo;
using MultiPhone.Functions.OpenApi;
using MultiPhone.Functions.Realtime;
using MultiPhone.Idempotency;
using MultiPhone.Integrations;
using MultiPhone.Migration;
using MultiPhone.PhoneNumbers;
using MultiPhone.ScheduledChanges;
using MultiPhone.Security;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;
using MultiPhone.Subscriptions;
using MultiPhone.Telephony;

namespace MultiPhone.Functions.Hosting;

/// <summary>Every feature of the app, one <c>AddXxx</c> each: the same services whichever way the app runs.</summary>
public static class MultiPhoneFeatures
{
    public static IHostApplicationBuilder AddMultiPhone(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddSingleton(TimeProvider.System)
            .AddApiConventions()
            .AddTrustedProxies(builder.Configuration)
            .AddApiAuthentication()
            .AddOpenApiDocs()
            .AddCosmos()
            .AddHistoryApi()
            .AddBusinesses()
            .AddPhoneNumbers()
            .AddStaff()
            .AddServices()
            .AddSettings()
            .AddScheduledChanges()
            .AddBulkEdits()
            .AddSubscriptions()
            .AddKeyRing(builder.Configuration)
            .AddIntegrations()
            .AddAgentConfig()
            .AddTelephony()
            .AddIdempotency()
            .AddRealtime(builder.Configuration)
            .AddConsole()
            .AddLegacyMigration()
            .AddDemoOptions();
        return builder;
    }
}
