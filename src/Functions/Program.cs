using MultiPhone.AgentConfig;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.Functions.Api;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Demo;
using MultiPhone.Functions.Hosting;
using MultiPhone.Idempotency;
using MultiPhone.Integrations;
using MultiPhone.PhoneNumbers;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;
using MultiPhone.Subscriptions;
using MultiPhone.Telephony;

var builder = WebApplication.CreateBuilder(args);
// The token command is a local tool: it always reads local.settings.json for the development signing key.
builder.AddFunctionsCustomHandlerHosting(readLocalSettings: builder.Environment.IsDevelopment() || args is [TokenCommand.Name, ..]);
builder.Services
    .AddSingleton(TimeProvider.System)
    .AddApiConventions()
    .AddTrustedProxies(builder.Configuration)
    .AddApiAuthentication()
    .AddOpenApiDocs()
    .AddCosmos()
    .AddBusinesses()
    .AddPhoneNumbers()
    .AddStaff()
    .AddServices()
    .AddSettings()
    .AddSubscriptions()
    .AddIntegrations()
    .AddAgentConfig()
    .AddTelephony()
    .AddIdempotency()
    .AddDemoData()
    .AddConsole();

var app = builder.Build();
if (args is [TokenCommand.Name, .. var tokenArgs])
{
    return TokenCommand.Run(tokenArgs, app.Services.GetRequiredService<TokenIssuer>(), Console.Out, Console.Error);
}

app.UseTrustedProxies();
app.UseApiConventions();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapOpenApiDocs();
app.MapGroup("/api/v2/businesses/{businessId}")
    .RequireAuthorization()
    .RequireBusinessMember()
    .MapBusinesses()
    .MapPhoneNumbers()
    .MapStaff()
    .MapPhoneStaff()
    .MapServices()
    .MapPhoneServices()
    .MapPhoneSettings()
    .MapDefaultSettings()
    .MapSubscription()
    .MapIntegrations()
    .MapPhoneAgentConfig();
app.MapGroup("/api/v2")
    .RequireAuthorization()
    .MapVoiceAgentConfig()
    .MapWebhooks()
    .MapBenchmarkBaseline(app.Configuration);
app.MapGroup("/api/v1/businesses/{businessId}")
    .RequireAuthorization()
    .MarkDeprecated()
    .RequireBusinessMember()
    .MapLegacySettings();
app.MapConsole();

app.Run();
return 0;

public partial class Program;
