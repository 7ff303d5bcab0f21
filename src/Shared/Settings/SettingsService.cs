using System.Text.Json.Nodes;
using MultiPhone.Businesses;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.Settings;

/// <summary>The layers of a section as they will be (a preview): the defaults' and the phone's, each null when there is none.</summary>
public delegate (SectionDocument? Defaults, SectionDocument? Phone) LayerOverlay(SectionDocument? defaults, SectionDocument? phone);

/// <summary>
/// Reads and writes one section layer: a phone's override (<c>phoneId</c> given) or the business default
/// (<c>phoneId</c> null). Every write bumps the layer's version, which is its ETag.
/// </summary>
public sealed class SettingsService(
    SettingsStore store, SettingsSections sections, BusinessStore businesses, PhoneNumberService phones, Revisions revisions, TimeProvider time)
{
    /// <param name="businessId">The business.</param>
    /// <param name="phoneId">The phone, or null for the business defaults.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="overlay">Changes the layers as read before they are resolved (a preview of a later instant).</param>
    public async Task<Result<SectionView<T>>> GetAsync<T>(string businessId, string? phoneId, CancellationToken ct, LayerOverlay? overlay = null)
        where T : class, ISettingsSection<T>
    {
        var scope = await FindScopeAsync(businessId, phoneId, ct);
        if (!scope.IsOk)
        {
            return scope.Problem;
        }
        var (business, phone) = await ReadLayersAsync<T>(businessId, phoneId, ct);
        var (defaults, own) = overlay is null ? (business?.Item, phone?.Item) : overlay(business?.Item, phone?.Item);
        return SectionView<T>.Resolve(defaults, own, forPhone: phoneId is not null);
    }

    /// <summary>Replaces the layer under If-Match; a null <paramref name="layer"/> returns the section to inheriting.</summary>
    public Task<Result<SectionView<T>>> PutAsync<T>(string businessId, string? phoneId, T? layer, string ifMatch, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        PutAsync(businessId, phoneId, layer, ifMatch, keepHistory: true, ct);

    /// <summary>
    /// <see cref="PutAsync{T}(string, string?, T?, string, CancellationToken)"/> of a section known by its name, the
    /// layer as JSON (a scheduled change applying); answers the layer's new ETag.
    /// </summary>
    public async Task<Result<string>> PutLayerAsync(string section, string businessId, string? phoneId, JsonObject? layer, string ifMatch, CancellationToken ct)
    {
        var put = new PutLayer(this, businessId, phoneId, layer, ifMatch, ct);
        (sections.Find(section) ?? throw new ArgumentException($"No section '{section}'.", nameof(section))).Apply(put);
        return await put.Result!;
    }

    /// <summary>
    /// Benchmark baseline only (<c>scripts/bench.sh history</c>): <see cref="PutAsync{T}(string, string?, T?, string, CancellationToken)"/>
    /// of a phone's layer without its revision, so the benchmark can measure what the revision costs. Nothing else
    /// may call it: every real write keeps history.
    /// </summary>
    public Task<Result<SectionView<T>>> PutWithoutHistoryForBenchmarkAsync<T>(string businessId, string phoneId, T? layer, string ifMatch, CancellationToken ct)
        where T : class, ISettingsSection<T> =>
        PutAsync(businessId, phoneId, layer, ifMatch, keepHistory: false, ct);

    private async Task<Result<SectionView<T>>> PutAsync<T>(string businessId, string? phoneId, T? layer, string ifMatch, bool keepHistory, CancellationToken ct)
        where T : class, ISettingsSection<T>
    {
        var scope = await FindScopeAsync(businessId, phoneId, ct);
        if (!scope.IsOk)
        {
            return scope.Problem;
        }
        var errors = new FieldErrors();
        var normalized = layer is null ? null : T.Normalize(layer, new SectionContext(scope.Value.CompanyProfile?.DefaultCountry), errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var (business, phone) = await ReadLayersAsync<T>(businessId, phoneId, ct);
        var current = phoneId is null ? business : phone;
        if (!ETags.Matches(ifMatch, current?.Item.ETag ?? SectionDocument.ETagOf(0)))
        {
            return Stale<T>();
        }
        var document = SectionDocument.Of(businessId, phoneId ?? SectionDocument.DefaultsScope, normalized, (current?.Item.Version ?? 0) + 1, time.GetUtcNow());
        var view = phoneId is null
            ? SectionView<T>.Resolve(document, null, forPhone: false)
            : SectionView<T>.Resolve(business?.Item, document, forPhone: true);
        T.CheckEffective(view.Effective, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (!keepHistory)
        {
            return (await store.SaveWithoutHistoryAsync(document, current, ct)).Done ? view : Stale<T>();
        }
        var draft = phoneId is null
            ? await DefaultDraftAsync<T>(scope.Value, document, current?.Item, ct)
            : SettingsStore.Draft(document, current?.Item) with
            {
                Annotate = change => SectionRevisions.PhoneSources(change, current?.Item.Value, document.Value, business?.Item.Value),
            };
        var saved = await store.SaveAsync(document, current, await revisions.ForAsync(draft, ct), ct);
        return saved.Done ? view : Stale<T>();
    }

    /// <summary>A default's revision names the phones it reaches and those that override what it changed.</summary>
    private async Task<RevisionDraft> DefaultDraftAsync<T>(Business business, SectionDocument document, SectionDocument? current, CancellationToken ct)
        where T : class, ISettingsSection<T>
    {
        // The business was read to check the scope: only its phones and the section's overrides are read again here.
        var ready = phones.ReadyViewsAsync(business, ct);
        var overrides = (await store.ListSectionAsync(document.BusinessId, T.Name, ct))
            .Where(layer => layer.Item.Scope != SectionDocument.DefaultsScope)
            .ToDictionary(layer => layer.Item.Scope, layer => layer.Item.Value, StringComparer.Ordinal);
        var phoneIds = (await ready).Select(view => view.Phone.Id);
        var (affected, unaffected) = SectionRevisions.Reach(SectionJson<T>.SystemLayer, current?.Value, document.Value, phoneIds, overrides);
        return SettingsStore.Draft(document, current) with
        {
            PhoneIds = affected,
            AffectedPhoneIds = affected,
            UnaffectedPhoneIds = unaffected,
            Annotate = SectionRevisions.DefaultSources,
        };
    }

    /// <summary>For each section, which of the business's phones follow its defaults and which have an override of their own.</summary>
    public async Task<Result<IReadOnlyList<SectionInheritance>>> InheritanceAsync(string businessId, CancellationToken ct)
    {
        var listed = await phones.ListAsync(businessId, active: null, ct);
        if (!listed.IsOk)
        {
            return listed.Problem;
        }
        var layers = await store.ListAllAsync(businessId, ct);
        var overridden = layers
            .Where(layer => layer.Item.Scope != SectionDocument.DefaultsScope && layer.Item.Value is not null)
            .Select(layer => (layer.Item.Section, PhoneId: layer.Item.Scope))
            .ToHashSet();
        return sections.Names.Select(section =>
        {
            var overriding = listed.Value.Where(view => overridden.Contains((section, view.Phone.Id))).Select(view => view.Phone.Id).ToList();
            var inheriting = listed.Value.Select(view => view.Phone.Id).Except(overriding).ToList();
            return new SectionInheritance(section, inheriting, overriding);
        }).ToList();
    }

    /// <summary>
    /// Makes the business's current defaults the phone's own overrides, section by section (a new phone created
    /// from the template). Later changes to the defaults then no longer reach it.
    /// </summary>
    public async Task CopyDefaultsAsync(string businessId, string phoneId, CancellationToken ct)
    {
        foreach (var section in sections.All)
        {
            var defaults = await store.GetAsync(businessId, SectionDocument.DefaultsScope, section.Name, ct);
            var copy = section.CopyOfDefault(defaults?.Item, businessId, phoneId, time.GetUtcNow());
            var saved = await store.SaveAsync(copy, current: null, await revisions.ForAsync(SettingsStore.Draft(copy, current: null), ct), ct);
            if (!saved.Done)
            {
                throw new InvalidOperationException($"Settings of the new phone {phoneId} already existed.");
            }
        }
    }

    /// <summary>The business the layer belongs to, after checking that it (and the phone, when given) exists.</summary>
    private async Task<Result<Business>> FindScopeAsync(string businessId, string? phoneId, CancellationToken ct)
    {
        if (phoneId is not null && await phones.FindPhoneAsync(businessId, phoneId, ct) is { IsOk: false } missing)
        {
            return missing.Problem;
        }
        return await businesses.GetAsync(businessId, ct) is { } business ? business.Item : BusinessService.NotFound(businessId);
    }

    private async Task<(Stored<SectionDocument>? Business, Stored<SectionDocument>? Phone)> ReadLayersAsync<T>(
        string businessId, string? phoneId, CancellationToken ct) where T : class, ISettingsSection<T>
    {
        var business = store.GetAsync(businessId, SectionDocument.DefaultsScope, T.Name, ct);
        var phone = phoneId is null ? Task.FromResult<Stored<SectionDocument>?>(null) : store.GetAsync(businessId, phoneId, T.Name, ct);
        return (await business, await phone);
    }

    private static Problem Stale<T>() where T : class, ISettingsSection<T> =>
        Problem.PreconditionFailed($"The {T.Name} settings changed since you read them; read them again and reapply your change.");

    private sealed class PutLayer(SettingsService service, string businessId, string? phoneId, JsonObject? layer, string ifMatch, CancellationToken ct) : ISectionAction
    {
        public Task<Result<string>>? Result { get; private set; }

        public void On<T>() where T : class, ISettingsSection<T> => Result = PutAsync<T>();

        private async Task<Result<string>> PutAsync<T>() where T : class, ISettingsSection<T>
        {
            var put = await service.PutAsync(businessId, phoneId, SectionJson<T>.FromJson(layer), ifMatch, ct);
            return put.IsOk ? put.Value.ETag : put.Problem;
        }
    }
}
