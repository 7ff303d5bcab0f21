using MultiPhone.Cosmos;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.LocationItems;

/// <summary>
/// One location's list over the business's items, read and replaced whole under If-Match. A phone that never had a
/// list reads as the empty list at version 0, so <c>"v0"</c> is what If-Match names to write the first. Reads join the
/// stored list with the items that exist now, which leaves out entries naming items deleted since.
/// </summary>
/// <param name="listable">Which of the business's items a list may name (Cosmos SQL on <c>c</c>); all when null.</param>
public abstract class PhoneListService<TList, TItem, TInput, TView>(
    PhoneNumberService phones, LocationItemsStore<TItem, TList> store, string? listable, TimeProvider time)
    where TList : PhoneList
    where TItem : CatalogItem
{
    /// <summary>The list of a phone that never had one, at version 0.</summary>
    protected abstract TList Empty(string businessId, string phoneId);

    protected abstract IReadOnlyCollection<string> NamedIn(TList list);

    /// <summary>The ids the input names, to look up before <see cref="Apply"/>; empty when the input is refused anyway for its length.</summary>
    protected abstract IReadOnlyCollection<string> NamedIn(TInput input);

    /// <summary>The list with the input's entries, or why they are refused; <paramref name="found"/> holds the named ids that may be listed.</summary>
    protected abstract Result<TList> Apply(TInput input, TList list, IReadOnlySet<string> found);

    protected abstract TView View(TList list, IReadOnlyList<TItem> items);

    protected abstract Problem Stale();

    public async Task<Result<TView>> GetAsync(string businessId, string phoneId, CancellationToken ct)
    {
        var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        var list = (await store.Lists.GetAsync(businessId, phoneId, ct))?.Item ?? Empty(businessId, phoneId);
        return View(list, await store.Items.FindAsync(businessId, NamedIn(list), listable, ct));
    }

    /// <summary>Replaces the phone's whole list under If-Match; <c>"v0"</c> matches a phone that never had one.</summary>
    public async Task<Result<TView>> ReplaceAsync(string businessId, string phoneId, TInput input, string ifMatch, CancellationToken ct)
    {
        var phone = await phones.FindPhoneAsync(businessId, phoneId, ct);
        if (!phone.IsOk)
        {
            return phone.Problem;
        }
        var current = await store.Lists.GetAsync(businessId, phoneId, ct);
        var list = current?.Item ?? Empty(businessId, phoneId);
        if (!ETags.Matches(ifMatch, list.ETag))
        {
            return Stale();
        }
        var named = await store.Items.FindAsync(businessId, NamedIn(input), listable, ct);
        var applied = Apply(input, list, named.Select(item => item.Id).ToHashSet(StringComparer.Ordinal));
        if (!applied.IsOk)
        {
            return applied.Problem;
        }
        var replacement = (TList)(applied.Value with { Version = list.Version + 1, UpdatedAt = time.GetUtcNow() });
        // Not done means another request wrote the list first.
        return (await store.Lists.WriteAsync(replacement, current, ct)).Done ? View(replacement, named) : Stale();
    }
}
