using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Migration;
using static MultiPhone.IntegrationTests.Migration.Migrations;

namespace MultiPhone.IntegrationTests.Migration;

/// <summary>A v1 route or an inbound call that meets a legacy business the run has not reached migrates it on the spot.</summary>
public sealed class LazyMigrationTests(ApiFactory api)
{
    [Fact]
    public async Task AV1RouteMigratesTheBusinessAndAnswersFromItsNewPrimary()
    {
        var legacy = (await SeedAsync(api, 10, all => all.Any(b => Migratable(b, "voiceSettings.greeting")))).First(b => Migratable(b, "voiceSettings.greeting"));
        using var editor = api.ClientWithToken(api.Token("owner", [(legacy.Id, BusinessRole.Editor)]));

        var voice = await (await editor.GetAsync($"/api/v1/businesses/{legacy.Id}/settings/voice", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

        Assert.Equal(legacy.Document["voiceSettings"]!["greeting"]!.GetValue<string>(), voice.GetProperty("greeting").GetString());
        var migrated = await api.Services.GetRequiredService<LegacyStore>().ReadAsync(legacy.Id, TestContext.Current.CancellationToken);
        Assert.Equal((LazyMigration.RunId, LegacyMigrationRules.PhoneIdOf(legacy.Id)), (migrated!.Business!.Migration!.RunId, migrated.Business.PrimaryPhoneId));
        using var ops = api.Ops();
        await MigrationApiTests.AssertWrittenByMigrationAsync(ops, legacy.Id);
    }

    [Fact]
    public async Task AnInboundCallToALegacyNumberMigratesItsBusinessAndIsAnswered()
    {
        var legacy = (await SeedAsync(api, 10, all => all.Any(b => Migratable(b)))).First(b => Migratable(b));
        using var provider = api.ClientWithToken(null);

        var twiml = await (await Webhook.PostSignedAsync(provider, Webhook.Voice, Webhook.Call(legacy.Route!.Id))).TwimlAsync();

        Assert.NotEqual(["Reject"], Webhook.Verbs(twiml));
        var migrated = await api.Services.GetRequiredService<LegacyStore>().ReadAsync(legacy.Id, TestContext.Current.CancellationToken);
        Assert.Equal(LazyMigration.RunId, migrated!.Business!.Migration!.RunId);
    }

    [Fact]
    public async Task ABusinessThatCannotBeMigratedIsLeftAsItWas()
    {
        var legacy = (await SeedAsync(api, 10, all => all.Any(b => b.Expected == MigrationOutcomeKind.SkippedNoNumber)))
            .First(b => b.Expected == MigrationOutcomeKind.SkippedNoNumber);
        using var editor = api.ClientWithToken(api.Token("owner", [(legacy.Id, BusinessRole.Editor)]));

        var response = await editor.GetAsync($"/api/v1/businesses/{legacy.Id}/settings/voice", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        var untouched = await api.Services.GetRequiredService<LegacyStore>().ReadAsync(legacy.Id, TestContext.Current.CancellationToken);
        Assert.Null(untouched!.Business!.Migration);
    }
}
