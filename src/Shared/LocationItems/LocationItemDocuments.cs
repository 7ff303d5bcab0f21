
namespace MultiPhone.LocationItems;

/// <summary>
/// A document of the business's partition versioned by a counter bumped by every change, so the ETag does not depend
/// on how Cosmos versions the document.
/// </summary>
public abstract record VersionedDocument
{
    public required string Id { get; init; }

    public required string BusinessId { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public string ETag => VersionETags.Of(Version);
}

/// <summary>Something the business has once for all its locations (a staff member, a service), as stored.</summary>
public abstract record CatalogItem : VersionedDocument
{
    public required string Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The phone the item belongs to, when it is a phone's own rather than business-wide.</summary>
    [JsonIgnore]
    public virtual string? OwnerPhoneId => null;
}

/// <summary>
/// One location's list over the business's items (who works at a phone, which services it switches off), as stored:
/// one document per phone, its id the phone's, so replacing the whole list is one conditional write. Entries may name
/// items deleted since; every read leaves those out.
/// </summary>
public abstract record PhoneList : VersionedDocument;

/// <summary>The ETags of items and lists: a version counter, <c>"v0"</c> for a list that was never written.</summary>
public static class VersionETags
{
    public const long NeverWritten = 0;

    public static string Of(long version) => $"\"v{version}\"";
}
