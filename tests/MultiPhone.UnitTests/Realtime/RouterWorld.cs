using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MultiPhone.Businesses;
using MultiPhone.Common;
using MultiPhone.Cosmos;
using MultiPhone.LocationItems;
using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;
using MultiPhone.Services;
using MultiPhone.Settings;
using MultiPhone.Staff;

namespace MultiPhone.UnitTests.Realtime;

/// <summary>
/// One business's documents held in memory, as the router reads them, and the change feed's view of each write: the
/// latest version of the document with <c>_lsn</c> and <c>changedBy</c>.
/// </summary>
internal sealed class RouterWorld : IReadyPhones, ISettingsLayersSource, IStaffAssignmentsSource
{
    public const string BusinessId = "b-1";
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, PhoneNumber> _phones = [];
    private readonly Dictionary<(string Section, string Scope), SectionDocument> _layers = [];
    private readonly Dictionary<string, PhoneStaffAssignments> _assignments = [];
    private long _lsn;

    public RouterWorld() => Router = NewRouter();

    /// <summary>The sections the app registers.</summary>
    public static SettingsSections Sections { get; } =
        new ServiceCollection().AddBuiltInSections().BuildServiceProvider().GetRequiredService<SettingsSections>();

    /// <summary>Monday 2 November 2026, 15:00 in New York.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 20, 0, 0, TimeSpan.Zero));

    public ChangeRouter Router { get; private set; }

    /// <summary>How many reads the router has made of this world.</summary>
    public int Reads { get; private set; }

    /// <summary>A router that starts with no memory, as after a restart or when another instance took the lease.</summary>
    public void RestartRouter() => Router = NewRouter();

    /// <summary>The features' routes in the order the app registers them.</summary>
    private ChangeRouter NewRouter() => new(
    [
        new BusinessChangeRoute(), new PhoneChangeRoute(), new StaffChangeRoute(this), new PhoneListChangeRoute<PhoneStaffAssignments>(StaffStore.AssignmentsDefinition.Name, "staff"),
        new ServiceChangeRoute(this), new PhoneListChangeRoute<PhoneServiceSelection>(ServiceStore.SelectionsDefinition.Name, "services"), new SettingsChangeRoute(this, this, Sections, Time), new PhoneTimeZoneChangeRoute(this, Time),
    ]);

    public PhoneNumber AddPhone(string id, string timezone = "America/New_York")
    {
        var phone = new PhoneNumber
        {
            Id = id, BusinessId = BusinessId, Number = "+1415555" + id.GetHashCode().ToString("0000")[^4..], DisplayName = id,
            Timezone = timezone, IsActive = true, State = PhoneState.Ready, CreatedAt = Created, UpdatedAt = Created, Version = 1,
        };
        _phones[id] = phone;
        return phone;
    }

    public void Assign(string phoneId, params string[] staffIds) => _assignments[phoneId] = new PhoneStaffAssignments
    {
        Id = phoneId, BusinessId = BusinessId, Version = 1, UpdatedAt = Created,
        Assignments = [.. staffIds.Select(s => new StaffAssignment { StaffId = s, AcceptsTransfers = true })],
    };

    /// <summary>Writes a layer of a section (null scope: the business default) and returns the feed's view of it.</summary>
    public ChangedDocument WriteLayer<T>(string? phoneId, T? value) where T : class, ISettingsSection<T>
    {
        var scope = phoneId ?? SectionDocument.DefaultsScope;
        var version = _layers.TryGetValue((T.Name, scope), out var current) ? current.Version + 1 : 1;
        var layer = new SectionDocument
        {
            Id = SectionDocument.IdOf(scope, T.Name), BusinessId = BusinessId, Scope = scope, Section = T.Name,
            Version = version, Value = SectionJson<T>.ToJson(value), UpdatedAt = Time.GetUtcNow(),
        };
        _layers[(T.Name, scope)] = layer;
        return Feed(SettingsStore.Definition.Name, layer);
    }

    public ChangedDocument UpdatePhone(string id, Func<PhoneNumber, PhoneNumber> change)
    {
        var phone = change(_phones[id]) with { UpdatedAt = Time.GetUtcNow(), Version = _phones[id].Version + 1 };
        _phones[id] = phone;
        return Feed(PhoneNumberStore.PhonesDefinition.Name, phone);
    }

    public ChangedDocument RemovePhone(string id)
    {
        var phone = _phones[id];
        _phones.Remove(id);
        return Feed(PhoneNumberStore.PhonesDefinition.Name, phone, removed: true);
    }

    public ChangedDocument Feed<T>(string container, T document, bool removed = false, string author = "alice")
    {
        var json = JsonSerializer.SerializeToNode(document, CosmosJson.Options)!.AsObject();
        json["_lsn"] = ++_lsn;
        json[ContainerExtensions.ChangedByProperty] = author;
        if (removed)
        {
            json[ContainerExtensions.RemovedAtProperty] = Time.GetUtcNow();
        }
        return new ChangedDocument(container, JsonSerializer.SerializeToElement(json));
    }

    public static Business Business(long version, string? primary) => new()
    {
        Id = BusinessId, BusinessId = BusinessId, Name = "Harbor", Version = version, PrimaryPhoneId = primary,
        CreatedAt = Created, UpdatedAt = Created,
    };

    public static StaffMember Member(string id, long version = 1) => new()
    {
        Id = id, BusinessId = BusinessId, Name = "Dana " + id, Active = true, Version = version, CreatedAt = Created, UpdatedAt = Created,
    };

    public static Service Offering(string id, string? phoneId = null, long version = 1) => new()
    {
        Id = id, BusinessId = BusinessId, PhoneId = phoneId, Name = "Cleaning", Bookable = true, Version = version,
        CreatedAt = Created, UpdatedAt = Created,
    };

    public Task<IReadOnlyList<PhoneNumber>> ReadyPhonesAsync(string businessId, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult<IReadOnlyList<PhoneNumber>>([.. _phones.Values.Where(p => p.BusinessId == businessId)]);
    }

    public Task<SettingsLayers> LayersAsync(string businessId, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(new SettingsLayers([.. _layers.Values]));
    }

    public Task<PhoneNumber?> ReadyPhoneAsync(string businessId, string phoneId, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(_phones.GetValueOrDefault(phoneId) is { State: PhoneState.Ready } phone && phone.BusinessId == businessId ? phone : null);
    }

    public Task<SectionDocument?> LayerAsync(string businessId, string scope, string section, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(_layers.GetValueOrDefault((section, scope)));
    }

    public Task<IReadOnlyList<PhoneStaffAssignments>> AssignmentsAsync(string businessId, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult<IReadOnlyList<PhoneStaffAssignments>>([.. _assignments.Values]);
    }

    public Task<IReadOnlyList<ChangeMessage>> RouteAsync(ChangedDocument change) => Router.RouteAsync(change, CancellationToken.None);

    public static string Text(JsonNode? node, string path) =>
        path.Split('.').Aggregate(node, (n, key) => n?[key])?.ToString() ?? "";
}
