using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.AgentConfig;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Realtime;
using MultiPhone.Settings;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>
/// A fifth settings section, registered here in the tests alone (a type and one registry entry): the app serves it,
/// merges it, routes its changes and puts it in the agent configuration without a product file knowing it.
/// </summary>
public sealed class SectionRegistryTests(HoldSectionFactory api) : IClassFixture<HoldSectionFactory>
{
    [Fact]
    public async Task ASectionRegisteredOnlyInTheTestsIsServedMergedRoutedAndGivenToTheVoiceAgent()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        await using var console = await RealtimeClient.ConnectAsync(api, tenant.Token(BusinessRole.Viewer));
        await console.SubscribeOrFailAsync($"phone:{phone.Id}:settings");
        await console.SubscribeOrFailAsync($"phone:{phone.Id}:voice");
        // Answers that name hold inside reviewed operations (agent-config, inheritance) are not held to the reviewed
        // document, which is the product's and has no hold section; this app's own document has it (the next test).
        using var unreviewed = api.CreateClient();
        unreviewed.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Token(BusinessRole.Viewer));

        await tenant.Editor.PutOrFailAsync(tenant.Path("/settings/defaults/hold"), new { music = "jazz" }, "\"v0\"");
        await tenant.Editor.PutOrFailAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/hold"), new { maxHoldSeconds = 30 }, "\"v0\"");

        var served = await (await tenant.Viewer.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}/settings/hold"), TestContext.Current.CancellationToken))
            .ReadAsync<JsonElement>();
        Assert.Equal(("jazz", "business", "30", "phone"),
            (served.Text("effective", "music"), served.Text("sources", "music"), served.Text("effective", "maxHoldSeconds"), served.Text("sources", "maxHoldSeconds")));
        var settings = await console.NextAsync(m => m.Channel() == $"phone:{phone.Id}:settings" && m.Text("versions", "hold") == "2", "the phone's hold change");
        var voice = await console.NextAsync(m => m.Channel() == $"phone:{phone.Id}:voice" && m.Text("versions", "hold") == "2", "the hold change on the voice channel");
        Assert.Equal(("phone.settings.changed", "[\"hold\"]"), (settings.Type(), settings.GetProperty("sections").GetRawText()));
        Assert.Equal(("phone.voice.changed", "jazz", "30"), (voice.Type(), voice.Text("data", "effective", "music"), voice.Text("data", "effective", "maxHoldSeconds")));
        var config = await (await unreviewed.GetAsync(tenant.Path($"/phone-numbers/{phone.Id}/agent-config"), TestContext.Current.CancellationToken))
            .ReadAsync<AgentConfiguration>();
        var hold = config.OtherSections!["hold"];
        Assert.Equal(("jazz", "30", "phone"), (hold.Text("effective", "music"), hold.Text("effective", "maxHoldSeconds"), hold.Text("sources", "maxHoldSeconds")));
        var inheritance = await (await unreviewed.GetAsync(tenant.Path("/settings/defaults"), TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Equal(["voice", "rules", "hours", "sms", "hold"], inheritance.GetProperty("sections").EnumerateArray().Select(s => s.Text("section")));
        var legacy = await tenant.Viewer.GetAsync($"/api/v1/businesses/{tenant.BusinessId}/settings/hold", TestContext.Current.CancellationToken);
        Assert.Equal("jazz", (await legacy.ReadAsync<JsonElement>()).Text("music"));
    }

    [Fact]
    public async Task TheOpenApiDocumentNamesTheSectionAndItsPlaceInTheAgentConfiguration()
    {
        using var client = api.ClientWithToken(null);
        var document = await (await client.GetAsync("/api/openapi/v2.json", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["voice", "rules", "hours", "sms", "hold"],
            schemas.GetProperty("SettingsSectionName").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("hold", schemas.GetProperty("AgentConfiguration").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v2/businesses/{businessId}/settings/defaults/hold", out _));
    }
}

/// <summary>What callers on hold hear, and for how long: a section the product does not have.</summary>
public sealed record HoldSettings : ISettingsSection<HoldSettings>
{
    [StringLength(100)]
    public string? Music { get; init; }

    public int? MaxHoldSeconds { get; init; }

    public static string Name => "hold";

    public static HoldSettings SystemDefault { get; } = new() { Music = "classical", MaxHoldSeconds = 60 };

    public static HoldSettings Normalize(HoldSettings layer, SectionContext context, FieldErrors errors)
    {
        errors.Range("maxHoldSeconds", layer.MaxHoldSeconds, 0, 600);
        return layer with { Music = errors.OptionalText("music", layer.Music, 100) };
    }
}

/// <summary>The realtime app with the hold section registered, as a feature of the app would register its own.</summary>
public sealed class HoldSectionFactory : RealtimeFactory
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSettingsSection<HoldSettings>(ChannelKind.PhoneVoice);
}
