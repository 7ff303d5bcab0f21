using Microsoft.Azure.Cosmos;
using MultiPhone.Cosmos;
using MultiPhone.History;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;

namespace MultiPhone.LocationItems;

/// <summary>
/// Cosmos access for one kind of location item: the business-wide items and the per-phone lists over them, both
/// partitioned by business. Deleting a phone deletes its list.
/// </summary>
public abstract class LocationItemsStore<TItem, TList>(
    Database database, Revisions revisions, (ContainerDefinition Container, TargetKind Kind) items, (ContainerDefinition Container, TargetKind Kind) lists)
    : IPhoneScopedData
    where TItem : CatalogItem
    where TList : PhoneList
{
    public CatalogStore<TItem> Items { get; } = new(database.GetContainer(items.Container.Name), items.Kind, revisions);

    public PhoneListStore<TList> Lists { get; } = new(database.GetContainer(lists.Container.Name), lists.Kind, revisions);

    public virtual Task DeleteForPhoneAsync(string businessId, string phoneId, CancellationToken ct) => Lists.DeleteAsync(businessId, phoneId, ct);
}

public static class LocationItemsRegistration
{
    /// <summary>
    /// One kind of location item: the store's two containers, the store and its part in deleting a phone, the catalog,
    /// the per-phone list service, and the route of a list's changes to the phone's settings channel as
    /// <paramref name="section"/>.
    /// </summary>
    public static IServiceCollection AddLocationItems<TStore, TCatalog, TPhoneLists, TList>(
        this IServiceCollection services, ContainerDefinition items, ContainerDefinition lists, string section)
        where TStore : class, IPhoneScopedData
        where TCatalog : class
        where TPhoneLists : class
        where TList : PhoneList => services
        .AddCosmosContainer(items)
        .AddCosmosContainer(lists)
        .AddSingleton<TStore>()
        .AddSingleton<IPhoneScopedData>(sp => sp.GetRequiredService<TStore>())
        .AddSingleton<TCatalog>()
        .AddSingleton<TPhoneLists>()
        .AddSingleton<IChangeRoute>(new PhoneListChangeRoute<TList>(lists.Name, section));
}
