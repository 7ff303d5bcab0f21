using System.Text.Json;
using MultiPhone.Cosmos;
using MultiPhone.Realtime;

namespace MultiPhone.BulkEdits;

/// <summary>
/// A bulk edit was made, finished a batch of locations, or ended: <c>bulkEdit.changed</c> on the business channel with
/// the edit (without items), so every console follows its progress. What it changed goes out as the usual messages of
/// each location. The documents of a batch's items make none.
/// </summary>
internal sealed class BulkEditRoute : IChangeRoute
{
    public const string MessageType = "bulkEdit.changed";

    public string Container => BulkEditStore.Definition.Name;

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change, ChangeReads reads, CancellationToken ct)
    {
        if (!change.Json.TryGetProperty("docType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != BulkEdit.DocumentType)
        {
            return Task.FromResult<IReadOnlyList<ChangeMessage>>([]);
        }
        var edit = change.As<BulkEdit>();
        IReadOnlyList<ChangeMessage> messages =
        [
            // The log sequence number grows with every write in the business's partition, so it orders these messages.
            ChangeMessage.About(change, Channel.Business(edit.BusinessId), MessageType, phoneId: null, "bulkEdit",
                change.Lsn, itemId: edit.Id, data: ChangeMessage.Json(BulkEditResponse.From(edit))),
        ];
        return Task.FromResult(messages);
    }
}

public static class BulkEditsRegistration
{
    /// <summary>Bulk edits: their store, checks, previews, applying (called by their orchestration) and realtime messages.</summary>
    public static IServiceCollection AddBulkEdits(this IServiceCollection services) => services
        .AddCosmosContainer(BulkEditStore.Definition)
        .AddSingleton<BulkEditStore>()
        .AddSingleton<BulkEditPlans>()
        .AddSingleton<BulkEditService>()
        .AddSingleton<BulkEditApplier>()
        .AddSingleton<IChangeRoute, BulkEditRoute>();
}
