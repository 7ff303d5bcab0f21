using Microsoft.Extensions.Logging;
using MultiPhone.AgentConfig;

namespace MultiPhone.Migration;

/// <summary>
/// The migration on the spot: when a v1 route or an inbound call meets a business the run has not reached yet, the
/// same <see cref="LegacyMigrator"/> migrates that one business before the request goes on.
/// </summary>
public sealed partial class LazyMigration(LegacyStore legacy, LegacyMigrator migrator, AgentConfigCache configs, ILogger<LazyMigration> logger)
{
    /// <summary>The run id recorded on businesses migrated this way.</summary>
    public const string RunId = "lazy";

    /// <summary>Migrates the business if it is a legacy one not migrated yet; anything else is left as it is.</summary>
    public async Task EnsureMigratedAsync(string businessId, CancellationToken ct) =>
        Log(await migrator.MigrateAsync(businessId, RunId, dryRun: false, ct));

    /// <summary>
    /// What a voice agent or the telephony webhook gets for a dialed number. A number no phone has yet may belong to a
    /// legacy business (the legacy routing says which): that business is migrated now and its new phone answers.
    /// </summary>
    public async Task<Result<RenderedConfig>> ConfigByNumberAsync(string e164)
    {
        var config = await configs.ByNumberAsync(e164, at: null);
        if (config.IsOk || await legacy.GetRouteAsync(e164, CancellationToken.None) is not { } route)
        {
            return config;
        }
        var businessId = route.Item.BusinessId;
        var outcome = Log(await migrator.MigrateAsync(businessId, RunId, dryRun: false, CancellationToken.None));
        return outcome.Kind == MigrationOutcomeKind.Migrated
            ? await configs.ByPhoneAsync(businessId, LegacyMigrationRules.PhoneIdOf(businessId), at: null)
            : config;
    }

    private MigrationOutcome Log(MigrationOutcome outcome)
    {
        if (outcome.Kind == MigrationOutcomeKind.Migrated)
        {
            LogMigrated(logger, outcome.BusinessId);
        }
        else if (outcome.Kind is not MigrationOutcomeKind.AlreadyMigrated)
        {
            LogNotMigrated(logger, outcome.BusinessId, outcome.Kind, outcome.Reason);
        }
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated legacy business {BusinessId} on first use")]
    private static partial void LogMigrated(ILogger logger, string businessId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy business {BusinessId} met on first use cannot be migrated ({Outcome}): {Reason}")]
    private static partial void LogNotMigrated(ILogger logger, string businessId, MigrationOutcomeKind outcome, string? reason);
}
