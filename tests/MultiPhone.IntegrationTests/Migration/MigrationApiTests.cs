using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.Migration;
using static MultiPhone.IntegrationTests.Migration.Migrations;

namespace MultiPhone.IntegrationTests.Migration;

/// <summary>
/// The legacy migration through the ops API, on the app's real Durable backend (Azurite) and Cosmos server. Each test
/// migrates legacy businesses it generated itself, naming them, so runs never touch another test's businesses.
/// </summary>
public sealed class MigrationApiTests(ApiFactory api)
{
    [Fact]
    public async Task ARunMigratesEveryKindOfLegacyBusinessAsMeantAndVerificationPasses()
    {
        var businesses = await SeedAsync(api, 60);
        using var ops = api.Ops();

        var runId = await StartAsync(ops, Run(businesses, verify: true));

        var status = await FinishedAsync(ops, runId);
        Assert.Equal("Completed", RuntimeStatus(status));
        var output = status.GetProperty("output");
        Assert.Equal(Expected(businesses), Counts(output));
        Assert.Equal(businesses.Count, output.GetProperty("verification").GetProperty("passed").GetInt32());
        var report = await ReportAsync(ops, runId);
        var notMigrated = businesses.Where(b => b.Expected is not (MigrationOutcomeKind.Migrated or MigrationOutcomeKind.AlreadyMigrated)).ToList();
        Assert.Equal(
            notMigrated.Select(b => (b.Id, b.Expected.ToString())).Order(),
            report.Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("outcome").GetString()!)).Order());
        Assert.All(report, entry => Assert.False(string.IsNullOrEmpty(entry.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task AMigratedBusinessHasItsNumberAsPrimaryWithItsHoursOnThePhoneAndItsSettingsAsDefaults()
    {
        var businesses = await SeedAsync(api, 20, all => all.Any(b => Migratable(b, "operatingHours.weekly", "conversationRules.refusedTopics")));
        var legacy = businesses.First(b => Migratable(b, "operatingHours.weekly", "conversationRules.refusedTopics"));
        using var ops = api.Ops();

        await FinishedAsync(ops, await StartAsync(ops, Run([legacy])));

        var phones = await (await ops.GetAsync($"/api/v2/businesses/{legacy.Id}/phone-numbers", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        var phone = Assert.Single(phones.GetProperty("items").EnumerateArray());
        Assert.Equal((legacy.Route!.Id, true), (phone.GetProperty("phoneNumber").GetString(), phone.GetProperty("isPrimary").GetBoolean()));
        Assert.Equal(LegacyMigrationRules.PhoneIdOf(legacy.Id), phone.GetProperty("id").GetString());
        var hours = await Section(ops, legacy.Id, $"/phone-numbers/{phone.GetProperty("id").GetString()}/settings/hours");
        Assert.False(hours.GetProperty("inherits").GetBoolean());
        Assert.Equal(JsonSerializer.Serialize(legacy.Document["operatingHours"]!["weekly"]), hours.GetProperty("override").GetProperty("weekly").GetRawText());
        var rules = await Section(ops, legacy.Id, "/settings/defaults/rules");
        Assert.Equal(legacy.Document["conversationRules"]!["refusedTopics"]!.ToJsonString(), rules.GetProperty("value").GetProperty("refusedTopics").GetRawText());
        await AssertWrittenByMigrationAsync(ops, legacy.Id);
    }

    /// <summary>Every document the migration wrote has its revision, by the migration and one run.</summary>
    internal static async Task AssertWrittenByMigrationAsync(HttpClient ops, string businessId)
    {
        var history = await (await ops.GetAsync($"/api/v2/businesses/{businessId}/history", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.All(entries, e => Assert.Equal("migration", e.GetProperty("actor").GetProperty("kind").GetString()));
        Assert.Single(entries.Select(e => e.GetProperty("actor").GetProperty("id").GetString()).Distinct());
        // The settings a business had become its defaults and its phone's hours: which of them varies.
        Assert.Superset(new HashSet<string> { "business", "phone" },
            entries.Select(e => e.GetProperty("target").GetProperty("kind").GetString()!).ToHashSet());
    }

    [Fact]
    public async Task ADryRunReportsWhatWouldHappenAndChangesNothing()
    {
        var businesses = await SeedAsync(api, 30);
        using var ops = api.Ops();

        var status = await FinishedAsync(ops, await StartAsync(ops, Run(businesses, dryRun: true, verify: true)));

        Assert.Equal(Expected(businesses), Counts(status.GetProperty("output")));
        Assert.Equal(JsonValueKind.Null, status.GetProperty("output").GetProperty("verification").ValueKind);
        foreach (var wouldMigrate in businesses.Where(b => b.Expected == MigrationOutcomeKind.Migrated).Take(5))
        {
            var phones = await (await ops.GetAsync($"/api/v2/businesses/{wouldMigrate.Id}/phone-numbers", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
            Assert.Empty(phones.GetProperty("items").EnumerateArray());
        }
    }

    [Fact]
    public async Task RunningTheMigrationAgainMigratesNothingTwice()
    {
        var businesses = await SeedAsync(api, 30);
        using var ops = api.Ops();
        await FinishedAsync(ops, await StartAsync(ops, Run(businesses)));

        var again = await FinishedAsync(ops, await StartAsync(ops, Run(businesses, verify: true)));

        var expected = Expected(businesses);
        Assert.Equal(expected with { Migrated = 0, AlreadyMigrated = expected.Migrated + expected.AlreadyMigrated }, Counts(again.GetProperty("output")));
        Assert.Equal(0, Written(again.GetProperty("output")).Writes);
        Assert.Equal(0, again.GetProperty("output").GetProperty("verification").GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task ASecondRunOverAnyOfTheSameBusinessesIsRefusedWhileTheFirstRunsButOneOverOthersStarts()
    {
        var businesses = await SeedAsync(api, 40);
        using var ops = api.Ops();
        var first = await StartAsync(ops, Run(businesses.Take(20), batchSize: 1, maxParallelism: 1));

        var overlapping = await ops.SendJsonAsync(HttpMethod.Post, Base, Run(businesses.Skip(10).Take(20)));
        var other = await StartAsync(ops, Run(businesses.Skip(20)));

        var problem = await overlapping.AssertProblemAsync(HttpStatusCode.Conflict, "migration-running");
        Assert.Contains(first, problem.GetProperty("detail").GetString());
        Assert.Equal("Completed", RuntimeStatus(await FinishedAsync(ops, other)));
        Assert.Equal("Completed", RuntimeStatus(await FinishedAsync(ops, first)));
    }

    [Fact]
    public async Task AVerificationOfBusinessesAMigrationIsStillWritingIsRefusedButOneOfOthersStarts()
    {
        var businesses = await SeedAsync(api, 40);
        using var ops = api.Ops();
        var migrating = await StartAsync(ops, Run(businesses.Take(20), batchSize: 1, maxParallelism: 1));

        var overlapping = await ops.SendJsonAsync(HttpMethod.Post, $"{Base}/verify", new { businessIds = businesses.Skip(10).Take(20).Select(b => b.Id) });
        var other = await StartAsync(ops, new { businessIds = businesses.Skip(20).Select(b => b.Id) }, $"{Base}/verify");

        var problem = await overlapping.AssertProblemAsync(HttpStatusCode.Conflict, "migration-running");
        Assert.Contains(migrating, problem.GetProperty("detail").GetString());
        Assert.Equal("Completed", RuntimeStatus(await FinishedAsync(ops, other)));
        Assert.Equal("Completed", RuntimeStatus(await FinishedAsync(ops, migrating)));
    }

    [Fact]
    public async Task OpsSuspendResumeTerminateAndPurgeARun()
    {
        var businesses = await SeedAsync(api, 80);
        using var ops = api.Ops();
        var runId = await StartAsync(ops, Run(businesses, batchSize: 1, maxParallelism: 1));

        await Steer(ops, runId, "suspend");
        await WaitAsync(ops, runId, s => RuntimeStatus(s) == "Suspended");
        await Steer(ops, runId, "resume");
        await WaitAsync(ops, runId, s => RuntimeStatus(s) != "Suspended");
        await Steer(ops, runId, "suspend");
        await WaitAsync(ops, runId, s => RuntimeStatus(s) == "Suspended");
        await (await ops.DeleteAsync($"{Base}/{runId}", TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Conflict, "migration-running");
        await Steer(ops, runId, "terminate");
        var terminated = await WaitAsync(ops, runId, s => RuntimeStatus(s) == "Terminated");

        var scanned = terminated.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } progress ? progress.GetProperty("scanned").GetInt32() : 0;
        Assert.True(scanned < businesses.Count, $"the run finished ({scanned}) before it could be terminated");
        await (await ops.PostAsync($"{Base}/{runId}/resume", null, TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Conflict, "migration-finished");
        Assert.Equal(HttpStatusCode.NoContent, (await ops.DeleteAsync($"{Base}/{runId}", TestContext.Current.CancellationToken)).StatusCode);
        await (await ops.GetAsync($"{Base}/{runId}", TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task TheReportComesAPageAtATimeUntilItsLastPage()
    {
        var businesses = await SeedAsync(api, 60, all => all.Count(b => b.Expected != MigrationOutcomeKind.Migrated) > 6);
        using var ops = api.Ops();
        var runId = await StartAsync(ops, Run(businesses, dryRun: true));
        await FinishedAsync(ops, runId);

        var whole = await ReportAsync(ops, runId, pageSize: 1000);
        var paged = await ReportAsync(ops, runId, pageSize: 3);

        Assert.True(whole.Count > 3, $"only {whole.Count} entries");
        Assert.Equal(whole.Select(e => e.GetProperty("id").GetString()), paged.Select(e => e.GetProperty("id").GetString()));
        var unreadable = await ops.GetAsync($"{Base}/{runId}/report?continuationToken=not-a-token", TestContext.Current.CancellationToken);
        await unreadable.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task AVerificationRunChecksBusinessesOnItsOwn()
    {
        var businesses = await SeedAsync(api, 20);
        using var ops = api.Ops();
        var notYet = await FinishedAsync(ops, await StartAsync(ops, new { businessIds = businesses.Select(b => b.Id) }, $"{Base}/verify"));
        await FinishedAsync(ops, await StartAsync(ops, Run(businesses)));

        var after = await FinishedAsync(ops, await StartAsync(ops, new { businessIds = businesses.Select(b => b.Id) }, $"{Base}/verify"));

        var toMigrate = businesses.Count(b => b.Expected == MigrationOutcomeKind.Migrated);
        Assert.Equal(toMigrate, notYet.GetProperty("output").GetProperty("verification").GetProperty("failed").GetInt32());
        Assert.Equal(businesses.Count, after.GetProperty("output").GetProperty("verification").GetProperty("passed").GetInt32());
    }

    [Fact]
    public async Task BadParametersAreNamedAndUnknownRunsAreNotFound()
    {
        using var ops = api.Ops();

        var bad = await ops.SendJsonAsync(HttpMethod.Post, Base, new { batchSize = 0, maxParallelism = 100, businessIds = new[] { "ok", "no/slash" } });
        var unknown = await ops.GetAsync($"{Base}/lp-20200101T000000Z-abcdef", TestContext.Current.CancellationToken);
        var unknownReport = await ops.GetAsync($"{Base}/lp-20200101T000000Z-abcdef/report", TestContext.Current.CancellationToken);

        Assert.Equal(["batchSize", "businessIds[1]", "maxParallelism"], (await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await unknownReport.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData(Base)]
    [InlineData(Base + "/verify")]
    public async Task AStartWhoseBodyIsNotAnObjectIsRefused(string path)
    {
        using var ops = api.Ops();

        var response = await ops.PostAsync(path, new StringContent("null", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
    }

    private static async Task Steer(HttpClient ops, string runId, string command) =>
        Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync($"{Base}/{runId}/{command}", null, TestContext.Current.CancellationToken)).StatusCode);

    private static async Task<JsonElement> Section(HttpClient ops, string businessId, string path) =>
        await (await ops.GetAsync($"/api/v2/businesses/{businessId}{path}", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
}
