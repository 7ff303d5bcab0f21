using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.History;
using MultiPhone.IntegrationTests.Infrastructure;
using static MultiPhone.IntegrationTests.History.HistoryCalls;

namespace MultiPhone.IntegrationTests.History;

/// <summary>
/// A change and its revision commit in one transactional batch: when the revision cannot be stored, the change is
/// not stored either. The batch is made to fail by a document already holding the id the revision is given.
/// </summary>
public sealed class HistoryAtomicityTests(CollidingRevisionsFactory api) : IClassFixture<CollidingRevisionsFactory>
{
    [Fact]
    public async Task AChangeWhoseRevisionCannotBeStoredIsNotStoredEither()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());
        var url = tenant.Path($"/phone-numbers/{phone.Id}/settings/voice");
        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Kept" }, "\"v0\"");
        var taken = $"rev-{DateTimeOffset.UtcNow.UtcTicks:D19}-0badf00d-settings";
        var settings = api.Services.GetRequiredService<Database>().GetContainer("settings");
        using var blocker = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = taken, businessId = tenant.BusinessId })));
        (await settings.CreateItemStreamAsync(blocker, new PartitionKey(tenant.BusinessId), cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        api.Ids.CollideOnce(taken);

        // A failure of the server's own: not in the contract, so asked without the client that holds answers to it.
        using var editor = api.CreateClient();
        editor.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Token(MultiPhone.Functions.Auth.BusinessRole.Editor));
        var refused = await editor.SendJsonAsync(HttpMethod.Put, url, new { greeting = "Lost" }, "\"v1\"");

        await refused.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal-error");
        var current = await (await tenant.Viewer.GetAsync(url, TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        Assert.Equal("Kept", current.GetProperty("override").GetProperty("greeting").GetString());
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        var voice = await tenant.HistoryAsync("?section=voice", phone.Id);
        Assert.Equal(["\"Kept\""], voice.Select(e => After(e, "greeting")));
        using var left = await settings.ReadItemStreamAsync(taken, new PartitionKey(tenant.BusinessId), cancellationToken: TestContext.Current.CancellationToken);
        var blocking = await JsonDocument.ParseAsync(left.Content, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(blocking.RootElement.TryGetProperty("revisionOf", out _));

        await tenant.Editor.PutOrFailAsync(url, new { greeting = "Saved" }, "\"v1\"");
        Assert.Equal(["\"Saved\"", "\"Kept\""], (await tenant.HistoryAsync("?section=voice", phone.Id)).Select(e => After(e, "greeting")));
    }
}

/// <summary>The app with revision ids a test can make collide with a document of its own.</summary>
public sealed class CollidingRevisionsFactory : ApiFactory
{
    public CollidingRevisionIds Ids { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<RevisionIds>(Ids);
}

public sealed class CollidingRevisionIds : RevisionIds
{
    private string? _next;

    /// <summary>The next revision gets <paramref name="id"/>; the ones after, fresh ids again.</summary>
    public void CollideOnce(string id) => _next = id;

    public override string Next(DateTimeOffset at, string container) => Interlocked.Exchange(ref _next, null) ?? base.Next(at, container);
}
