using Microsoft.Azure.Cosmos;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.Hours;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.Migration;

/// <summary>What the migration did with one business (or, in a dry run, would do).</summary>
/// <param name="BusinessId">The business.</param>
/// <param name="Kind">What became of it.</param>
/// <param name="Reason">Why it was not migrated.</param>
/// <param name="PhoneNumber">The legacy number as entered.</param>
/// <param name="Writes">Documents this attempt wrote (the benchmark compares the run with as many plain writes).</param>
public sealed record MigrationOutcome(string BusinessId, MigrationOutcomeKind Kind, string? Reason = null, string? PhoneNumber = null, int Writes = 0);

/// <summary>
/// Migrates one legacy business: its number becomes a phone, the primary; its hours move to that phone; its voice,
/// conversation-rule and SMS settings become the business defaults, which the phone inherits. Every step can be run
/// again after a stop at any point and does nothing twice: the phone's id is derived from the business, each document
/// is created only if absent, and the business is marked migrated last, in the same write that names the primary.
/// The number is reserved in the index first (someone else's number leaves the business untouched), and the phone is
/// written last, once its settings exist, so it never appears without them. The run and the lazy path use this code.
/// Each write commits with its revision, by the actor "migration" with the run's id.
public sealed class LegacyMigrator(LegacyStore legacy, PhoneNumberStore phones, SettingsStore settings, Revisions revisions, TimeProvider time)
{
    /// <summary>Migrates one business (the lazy path): reads it, and its number's legacy routing if it has a number to migrate.</summary>
    public async Task<MigrationOutcome> MigrateAsync(string businessId, string runId, bool dryRun, CancellationToken ct)
    {
        var business = Assess(businessId, await legacy.ReadAsync(businessId, ct), runId);
        if (business.Plan is not { } plan)
        {
            return business.Settled!;
        }
        var route = await legacy.GetRouteAsync(plan.Phone.Number, ct);
        return await CarryOutAsync(business, route?.Item, runId, dryRun, ct);
    }

    /// <summary>
    /// Migrates a batch of businesses, several at once. Their documents and their numbers' legacy routing are read with
    /// one query each rather than a point read per business: two round trips fewer per business. One business's
    /// storage trouble is its own outcome and does not stop the others (a later run retries it); a failed read of the
    /// batch fails the activity, which the orchestration retries.
    /// </summary>
    public async Task<MigrationOutcome[]> MigrateManyAsync(IReadOnlyList<string> businessIds, string runId, bool dryRun, CancellationToken ct)
    {
        var documents = await legacy.ReadManyAsync(businessIds, ct);
        var assessed = businessIds.Select(id => Assess(id, documents.GetValueOrDefault(id), runId)).ToList();
        var routes = await legacy.GetRoutesAsync(assessed.Where(a => a.Plan is not null).Select(a => a.Plan!.Phone.Number), ct);
        return await BatchWork.RunAsync(assessed, async (business, token) =>
        {
            if (business.Plan is not { } plan)
            {
                return business.Settled!;
            }
            try
            {
                return await CarryOutAsync(business, routes.GetValueOrDefault(plan.Phone.Number), runId, dryRun, token);
            }
            catch (Exception e) when (e is CosmosException or HttpRequestException or TimeoutException)
            {
                return new MigrationOutcome(business.Id, MigrationOutcomeKind.Failed, $"{e.GetType().Name}: {BatchWork.FirstLine(e.Message)}");
            }
        });
    }

    /// <summary>A business as read: either its outcome is already settled, or there is a plan to carry out.</summary>
    private sealed record Assessed(string Id, LegacyDocument? Document, MigrationPlan? Plan, MigrationOutcome? Settled);

    /// <summary>What the business's document alone decides: gone, unreadable, migrated before, refused by the rules, or a plan.</summary>
    private static Assessed Assess(string businessId, LegacyDocument? document, string runId)
    {
        Assessed Settled(MigrationOutcome outcome) => new(businessId, document, null, outcome);
        if (document is null)
        {
            return Settled(new(businessId, MigrationOutcomeKind.Failed, "The business no longer exists."));
        }
        if (document.Business is not { } business)
        {
            return Settled(new(businessId, MigrationOutcomeKind.Invalid, document.Unreadable, document.EnteredNumber));
        }
        if (business.Migration is { } done)
        {
            // This run itself, before a crash made its batch run again, or an earlier one.
            return Settled(new(businessId, done.RunId == runId ? MigrationOutcomeKind.Migrated : MigrationOutcomeKind.AlreadyMigrated, PhoneNumber: business.PhoneNumber));
        }
        if (!business.HasLegacyFields)
        {
            return Settled(new(businessId, MigrationOutcomeKind.AlreadyMigrated));
        }
        var plan = LegacyMigrationRules.Plan(business, out var refusal);
        return plan.IsOk
            ? new(businessId, document, plan.Value, null)
            : Settled(new(businessId, refusal, Describe(plan.Problem), business.PhoneNumber));
    }

    /// <summary>Carries out a plan, given the legacy routing of its number (null: the legacy app never routed it).</summary>
    private async Task<MigrationOutcome> CarryOutAsync(Assessed business, LegacyNumberRoute? route, string runId, bool dryRun, CancellationToken ct)
    {
        var (businessId, document, plan) = (business.Id, business.Document!, business.Plan!);
        var entered = document.Business!.PhoneNumber;
        if (RoutedElsewhere(businessId, plan, route) is { } routed)
        {
            return new(businessId, MigrationOutcomeKind.Conflict, routed, entered);
        }
        if (!dryRun)
        {
            // A real run finds out whether a phone has the number by reserving it: one read fewer per business.
            return await ApplyAsync(document, document.Business, plan, runId, ct);
        }
        return await HeldByPhoneElsewhereAsync(businessId, plan, ct) is { } holder
            ? new(businessId, MigrationOutcomeKind.Conflict, holder, entered)
            : new(businessId, MigrationOutcomeKind.Migrated, PhoneNumber: entered);
    }

    /// <summary>
    /// Who else has the number, if anyone: the business the legacy routing sent its calls to (so a number two
    /// businesses typed goes to the same one whatever the order), or any phone already reserving it.
    /// </summary>
    public async Task<string?> HolderElsewhereAsync(string businessId, MigrationPlan plan, CancellationToken ct) =>
        RoutedElsewhere(businessId, plan, (await legacy.GetRouteAsync(plan.Phone.Number, ct))?.Item)
            ?? await HeldByPhoneElsewhereAsync(businessId, plan, ct);

    private static string? RoutedElsewhere(string businessId, MigrationPlan plan, LegacyNumberRoute? route) =>
        route is not null && route.BusinessId != businessId
            ? $"{plan.Phone.Number} is the number of business '{route.BusinessId}': the legacy routing sent its calls there."
            : null;

    private async Task<string?> HeldByPhoneElsewhereAsync(string businessId, MigrationPlan plan, CancellationToken ct) =>
        await phones.GetIndexAsync(plan.Phone.Number, ct) is { } entry && (entry.Item.BusinessId != businessId || entry.Item.PhoneId != plan.PhoneId)
            ? Taken(plan.Phone.Number, businessId, entry.Item)
            : null;

    private static string Taken(string number, string businessId, PhoneNumberIndexEntry holder) =>
        holder.BusinessId == businessId
            ? $"{number} is already phone '{holder.PhoneId}' of this business."
            : $"{number} is already a phone of business '{holder.BusinessId}'.";

    private async Task<MigrationOutcome> ApplyAsync(LegacyDocument document, LegacyBusiness business, MigrationPlan plan, string runId, CancellationToken ct)
    {
        using var author = ChangeAuthor.As(new Author(AuthorKind.Migration, runId));
        var now = time.GetUtcNow();
        var writes = new Writes();
        if (await ReserveAsync(business.Id, plan, writes, ct) is { } holder)
        {
            return new(business.Id, MigrationOutcomeKind.Conflict, holder, business.PhoneNumber, writes.Count);
        }
        await CreateLayersAsync(business.Id, plan, now, writes, ct);
        await CreatePhoneAsync(business.Id, plan, now, writes, ct);
        return await CompleteAsync(document, plan, runId, now, writes, ct);
    }

    /// <summary>
    /// Reserves the number for the business's phone before anything else is written, so a number someone else has
    /// leaves the business untouched. A reservation an earlier attempt left is renewed: it then cannot be taken over
    /// (a create takes over only reservations older than the lease whose phone never appeared) before the phone exists.
    /// </summary>
    private async Task<string?> ReserveAsync(string businessId, MigrationPlan plan, Writes writes, CancellationToken ct)
    {
        var entry = new PhoneNumberIndexEntry { Id = plan.Phone.Number, BusinessId = businessId, PhoneId = plan.PhoneId, ReservedAt = time.GetUtcNow() };
        while (true)
        {
            var reserved = await phones.CreateIndexAsync(entry, ct);
            writes.Add(reserved.Done);
            if (reserved.Done)
            {
                return null;
            }
            if (await phones.GetIndexAsync(entry.Id, ct) is not { } holder)
            {
                continue;
            }
            if (holder.Item.BusinessId != businessId || holder.Item.PhoneId != plan.PhoneId)
            {
                return Taken(entry.Id, businessId, holder.Item);
            }
            var renewed = await phones.ReplaceIndexAsync(entry, holder.ETag, ct);
            writes.Add(renewed.Done);
            if (renewed.Done)
            {
                return null;
            }
        }
    }

    /// <summary>The phone, ready: its number is reserved and its settings exist. An earlier attempt may have written it.</summary>
    private async Task CreatePhoneAsync(string businessId, MigrationPlan plan, DateTimeOffset now, Writes writes, CancellationToken ct)
    {
        var phone = new PhoneNumber
        {
            Id = plan.PhoneId,
            BusinessId = businessId,
            Number = plan.Phone.Number,
            DisplayName = plan.Phone.DisplayName,
            Address = plan.Phone.Address,
            Timezone = plan.Phone.Timezone,
            IsActive = true,
            State = PhoneState.Ready,
            CreatedAt = now,
            UpdatedAt = now,
        };
        writes.Add((await phones.CreateAsync(phone, await RevisionAsync(PhoneNumberStore.Draft(null, phone), ct), ct)).Done);
    }

    /// <summary>A legacy business never chose a history retention: its revisions keep the default, without reading it again.</summary>
    private Task<Revision> RevisionAsync(RevisionDraft draft, CancellationToken ct) =>
        revisions.ForAsync(draft with { RetentionDays = Business.DefaultHistoryRetentionDays }, ct);

    /// <summary>
    /// Writes the settings layers, each with its revision, in one transactional batch: one request for all of them. When
    /// one exists already (an earlier attempt wrote them, or someone set one since), each is written unless it exists.
    /// </summary>
    private async Task CreateLayersAsync(string businessId, MigrationPlan plan, DateTimeOffset now, Writes writes, CancellationToken ct)
    {
        SectionDocument?[] planned =
        [
            Layer(businessId, SectionDocument.DefaultsScope, plan.Voice, now),
            Layer(businessId, SectionDocument.DefaultsScope, plan.Rules, now),
            Layer(businessId, SectionDocument.DefaultsScope, plan.Sms, now),
            Layer(businessId, plan.PhoneId, plan.Hours, now),
        ];
        var layers = new List<(SectionDocument, Revision)>();
        foreach (var layer in planned.OfType<SectionDocument>())
        {
            layers.Add((layer, await RevisionAsync(SettingsStore.Draft(layer, current: null), ct)));
        }
        if (layers.Count == 0)
        {
            return;
        }
        if (await settings.CreateAllAsync(businessId, layers, ct) == WriteStatus.Done)
        {
            writes.Add(layers.Count);
            return;
        }
        foreach (var (layer, revision) in layers)
        {
            writes.Add((await settings.SaveAsync(layer, current: null, revision, ct)).Done ? 1 : 0);
        }
    }

    private static SectionDocument? Layer<T>(string businessId, string scope, T? layer, DateTimeOffset now) where T : class, ISettingsSection<T> =>
        layer is null ? null : SectionDocument.Of(businessId, scope, layer, version: 1, now);

    /// <summary>Names the phone primary (unless the business has one), counts its slot and marks the business migrated, in one write.</summary>
    private async Task<MigrationOutcome> CompleteAsync(LegacyDocument document, MigrationPlan plan, string runId, DateTimeOffset now, Writes writes, CancellationToken ct)
    {
        var businessId = document.Business!.Id;
        var entered = document.Business.PhoneNumber;
        while (true)
        {
            var business = document.Business!;
            if (business.Migration is { } done)
            {
                return new(businessId, done.RunId == runId ? MigrationOutcomeKind.Migrated : MigrationOutcomeKind.AlreadyMigrated, PhoneNumber: entered, Writes: writes.Count);
            }
            var keepsPrimary = business.PrimaryPhoneId is { } named && await phones.GetAsync(businessId, named, ct) is { Item.State: PhoneState.Ready };
            var record = new LegacyMigrationRecord(runId, now, plan.PhoneId, plan.Phone.Number);
            var primary = keepsPrimary ? null : plan.PhoneId;
            var completed = await legacy.CompleteAsync(businessId, document.ETag, primary, business.PhoneSlotsTaken + 1, record,
                await RevisionAsync(CompletionDraft(business, primary, record), ct), ct);
            writes.Add(completed == WriteStatus.Done);
            switch (completed)
            {
                case WriteStatus.Done:
                    return new(businessId, MigrationOutcomeKind.Migrated, PhoneNumber: entered, Writes: writes.Count);
                case WriteStatus.Missing:
                    return new(businessId, MigrationOutcomeKind.Failed, "The business was deleted while it was migrated.", entered, writes.Count);
            }
            // Someone changed the business meanwhile (its owner, or another migration of it): apply to their version.
            if (await legacy.ReadAsync(businessId, ct) is not { Business: not null } fresh)
            {
                return new(businessId, MigrationOutcomeKind.Failed, "The business was deleted or changed beyond reading while it was migrated.", entered, writes.Count);
            }
            document = fresh;
        }
    }

    /// <summary>The completing write patches the business: its revision records the fields the patch sets, before and after.</summary>
    private static RevisionDraft CompletionDraft(LegacyBusiness business, string? primaryPhoneId, LegacyMigrationRecord record)
    {
        var before = new JsonObject();
        var after = new JsonObject { ["migration"] = JsonSerializer.SerializeToNode(record, CosmosJson.Options) };
        if (primaryPhoneId is not null)
        {
            before["primaryPhoneId"] = business.PrimaryPhoneId;
            after["primaryPhoneId"] = primaryPhoneId;
        }
        return new RevisionDraft(business.Id, BusinessStore.Definition.Name, business.Id, new RevisionTarget(TargetKind.Business), before, after)
        {
            Operation = RevisionOperation.Update,
        };
    }

    /// <summary>Counts the documents one migration wrote (the layers are written at once).</summary>
    private sealed class Writes
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add(bool written) => Add(written ? 1 : 0);

        public void Add(int written) => Interlocked.Add(ref _count, written);
    }

    /// <summary>A problem's field errors as one line for the report.</summary>
    public static string Describe(Problem problem) =>
        problem.Errors is { } errors
            ? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
            : problem.Detail ?? problem.Title;
}
