using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Integrations;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests;

public sealed class IntegrationsApiTests(ApiFactory api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A secret value unique to the test, so finding it anywhere can only mean it leaked.</summary>
    internal static string NewSecret() => $"secret-{Guid.NewGuid():N}";

    internal static object Webhook(string name = "CRM hook", Dictionary<string, string>? secrets = null, bool? enabled = null) => new
    {
        type = "webhook",
        name,
        enabled,
        settings = new Dictionary<string, string> { ["url"] = "https://crm.example/hook", ["format"] = "json" },
        secrets,
    };

    [Fact]
    public async Task CreatingReturnsSecretNamesButNeverTheirValues()
    {
        using var tenant = await api.NewTenantAsync();
        var (token, signing) = (NewSecret(), NewSecret());

        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"),
            Webhook(secrets: new() { ["token"] = token, ["signingKey"] = signing }));
        var body = await created.Content.ReadAsStringAsync(Ct);
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);

        Assert.Equal(tenant.Path($"/integrations/{integration.Id}"), created.Headers.Location?.ToString());
        Assert.Equal("\"v1\"", created.ETag());
        Assert.Equal((IntegrationType.Webhook, "CRM hook", true), (integration.Type, integration.Name, integration.Enabled));
        Assert.Equivalent(new Dictionary<string, string> { ["url"] = "https://crm.example/hook", ["format"] = "json" }, integration.Settings, strict: true);
        Assert.Equal(["signingKey", "token"], integration.SecretNames);
        Assert.NotNull(integration.SecretsUpdatedAt);
        AssertNoSecret(body, token, signing);
    }

    [Fact]
    public async Task NoResponseOfAnyIntegrationRouteContainsASecretValue()
    {
        using var tenant = await api.NewTenantAsync();
        var (first, second, replaced) = (NewSecret(), NewSecret(), NewSecret());
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"),
            Webhook(secrets: new() { ["token"] = first }), idempotencyKey: Guid.NewGuid().ToString());
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);
        var url = tenant.Path($"/integrations/{integration.Id}");
        await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), Webhook("Second", new() { ["key"] = second }));

        var responses = new List<HttpResponseMessage>
        {
            created,
            await tenant.Viewer.GetAsync(url, Ct),
            await tenant.Viewer.GetAsync(tenant.Path("/integrations"), Ct),
        };
        var kept = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, Webhook("Renamed"), created.ETag());
        responses.Add(kept);
        var changed = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, Webhook("Renamed", new() { ["token"] = replaced }), kept.ETag());
        responses.Add(changed);
        // Refused writes must not echo what they were sent either.
        responses.Add(await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, Webhook("Stale", new() { ["token"] = replaced }), created.ETag()));
        responses.Add(await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"),
            new { type = "slack", name = "", secrets = new Dictionary<string, string> { ["bad name"] = first } }));
        responses.Add(await tenant.Viewer.GetAsync(tenant.Path("/integrations"), Ct));

        foreach (var response in responses)
        {
            AssertNoSecret(await response.Content.ReadAsStringAsync(Ct), first, second, replaced);
        }
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task TheSecretIsRecoverableOnlyThroughTheServiceAndIsNotStoredInPlaintext()
    {
        using var tenant = await api.NewTenantAsync();
        var secret = NewSecret();
        var integration = await CreateAsync(tenant, Webhook(secrets: new() { ["token"] = secret }));

        var stored = await StoredAsync(tenant, integration.Id);
        var raw = await RawDocumentAsync(tenant, integration.Id);

        Assert.Equal(secret, Service.Reveal(stored, "token"));
        Assert.DoesNotContain(secret, raw);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), raw);
        Assert.Contains("\"token\"", raw);
    }

    [Fact]
    public async Task AnIdempotentCreateKeepsNoPlaintextSecretInItsRecord()
    {
        using var tenant = await api.NewTenantAsync();
        var secret = NewSecret();
        var key = Guid.NewGuid().ToString();
        var body = Webhook(secrets: new() { ["token"] = secret });

        var first = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), body, idempotencyKey: key);
        var replay = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), body, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        AssertNoSecret(await replay.Content.ReadAsStringAsync(Ct), secret);
        var records = await RawPartitionAsync(tenant, "idempotency");
        Assert.NotEmpty(records);
        Assert.All(records, record => Assert.DoesNotContain(secret, record));
    }

    [Fact]
    public async Task UpdatingWithoutSecretsKeepsThem()
    {
        using var tenant = await api.NewTenantAsync();
        var secret = NewSecret();
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"),
            Webhook(secrets: new() { ["token"] = secret }, enabled: false));
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);

        // No "secrets" (and no "enabled") property at all, not even null.
        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/integrations/{integration.Id}"),
            new { type = "webhook", name = "Renamed", settings = new Dictionary<string, string> { ["url"] = "https://crm.example/v2" } }, created.ETag());

        var updated = await response.ReadAsync<IntegrationResponse>();
        Assert.Equal(("Renamed", false), (updated.Name, updated.Enabled));
        Assert.Equal(["token"], updated.SecretNames);
        Assert.Equal(integration.SecretsUpdatedAt, updated.SecretsUpdatedAt);
        Assert.True(updated.UpdatedAt > integration.UpdatedAt);
        Assert.Equal("\"v2\"", response.ETag());
        Assert.Equal(secret, Service.Reveal(await StoredAsync(tenant, integration.Id), "token"));
    }

    [Fact]
    public async Task UpdatingWithEmptySecretsRemovesThem()
    {
        using var tenant = await api.NewTenantAsync();
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"),
            Webhook(secrets: new() { ["token"] = NewSecret(), ["other"] = NewSecret() }));
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/integrations/{integration.Id}"),
            Webhook(secrets: []), created.ETag());

        Assert.Empty((await response.ReadAsync<IntegrationResponse>()).SecretNames);
        Assert.Empty((await GetAsync(tenant, integration.Id)).SecretNames);
        Assert.Empty((await StoredAsync(tenant, integration.Id)).ProtectedSecrets);
    }

    [Fact]
    public async Task UpdatingWithNewSecretsReplacesThemAndStampsTheTime()
    {
        using var tenant = await api.NewTenantAsync();
        var (old, fresh) = (NewSecret(), NewSecret());
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"),
            Webhook(secrets: new() { ["token"] = old, ["legacy"] = NewSecret() }));
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);

        var response = await tenant.Admin.SendJsonAsync(HttpMethod.Put, tenant.Path($"/integrations/{integration.Id}"),
            Webhook(secrets: new() { ["token"] = fresh, ["apiKey"] = NewSecret() }), created.ETag());

        var updated = await response.ReadAsync<IntegrationResponse>();
        Assert.Equal(["apiKey", "token"], updated.SecretNames);
        Assert.True(updated.SecretsUpdatedAt > integration.SecretsUpdatedAt,
            $"secretsUpdatedAt {updated.SecretsUpdatedAt:O} is not after {integration.SecretsUpdatedAt:O}");
        var stored = await StoredAsync(tenant, integration.Id);
        Assert.Equal(fresh, Service.Reveal(stored, "token"));
        Assert.False(stored.ProtectedSecrets.ContainsKey("legacy"));
    }

    [Fact]
    public async Task AnIntegrationCreatedWithoutSecretsHasNone()
    {
        using var tenant = await api.NewTenantAsync();

        var integration = await CreateAsync(tenant, new { type = "calendly", name = "Bookings" });

        Assert.Equal((IntegrationType.Calendly, true), (integration.Type, integration.Enabled));
        Assert.Empty(integration.Settings);
        Assert.Empty(integration.SecretNames);
        Assert.Null(integration.SecretsUpdatedAt);
    }

    [Fact]
    public async Task StaleOrMissingIfMatchIsRefused()
    {
        using var tenant = await api.NewTenantAsync();
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), Webhook());
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);
        var url = tenant.Path($"/integrations/{integration.Id}");
        var renamed = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, Webhook("First change"), created.ETag());
        renamed.EnsureSuccessStatusCode();

        var stalePut = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, Webhook("Lost update"), created.ETag());
        var staleDelete = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, created.ETag());
        var blindPut = await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, Webhook("Blind"));
        var blindDelete = await tenant.Admin.DeleteAsync(url, Ct);

        await stalePut.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await staleDelete.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        await blindPut.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        await blindDelete.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        var current = await tenant.Viewer.GetAsync(url, Ct);
        Assert.Equal("First change", (await current.ReadAsync<IntegrationResponse>()).Name);
        Assert.Equal(renamed.ETag(), current.ETag());
    }

    [Fact]
    public async Task DeletingRemovesItSoAGetGivesNotFound()
    {
        using var tenant = await api.NewTenantAsync();
        var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), Webhook(secrets: new() { ["token"] = NewSecret() }));
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);
        var kept = await CreateAsync(tenant, Webhook("Kept"));
        var url = tenant.Path($"/integrations/{integration.Id}");

        var deleted = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, created.ETag());

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await tenant.Viewer.GetAsync(url, Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Put, url, Webhook(), "*")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, url, null, "*")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal([kept.Id], (await ListAsync(tenant)).Select(i => i.Id));
        using var raw = await Container("integrations").ReadItemStreamAsync(integration.Id, new PartitionKey(tenant.BusinessId), cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);
    }

    [Fact]
    public async Task TheListIsSortedByNameIgnoringCase()
    {
        using var tenant = await api.NewTenantAsync();
        foreach (var name in new[] { "charlie", "Bravo", "delta", "alpha" })
        {
            await CreateAsync(tenant, new { type = "slack", name });
        }

        Assert.Equal(["alpha", "Bravo", "charlie", "delta"], (await ListAsync(tenant)).Select(i => i.Name));
    }

    [Fact]
    public async Task AnotherBusinessCannotSeeOrChangeThem()
    {
        using var owner = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var created = await owner.Admin.SendJsonAsync(HttpMethod.Post, owner.Path("/integrations"), Webhook(secrets: new() { ["token"] = NewSecret() }));
        var integration = await created.ReadAsync<IntegrationResponse>(HttpStatusCode.Created);
        // The other business's own admin, asking for the owner's integration id under its own business.
        var foreign = other.Path($"/integrations/{integration.Id}");

        await (await other.Viewer.GetAsync(foreign, Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.Admin.SendJsonAsync(HttpMethod.Put, foreign, Webhook("Hijacked"), "*")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.Admin.SendJsonAsync(HttpMethod.Delete, foreign, null, "*")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Empty(await ListAsync(other));
        Assert.Equivalent(integration, await GetAsync(owner, integration.Id), strict: true);
    }

    private IntegrationService Service => api.Services.GetRequiredService<IntegrationService>();

    private Container Container(string name) => api.Services.GetRequiredService<Database>().GetContainer(name);

    private static void AssertNoSecret(string body, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, body);
        }
    }

    internal static async Task<IntegrationResponse> CreateAsync(Tenant tenant, object body) =>
        await (await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), body)).ReadAsync<IntegrationResponse>(HttpStatusCode.Created);

    internal static async Task<IntegrationResponse> GetAsync(Tenant tenant, string id) =>
        await (await tenant.Viewer.GetAsync(tenant.Path($"/integrations/{id}"), Ct)).ReadAsync<IntegrationResponse>();

    internal static async Task<IReadOnlyList<IntegrationResponse>> ListAsync(Tenant tenant) =>
        (await (await tenant.Viewer.GetAsync(tenant.Path("/integrations"), Ct)).ReadAsync<IntegrationList>()).Items;

    private async Task<Integration> StoredAsync(Tenant tenant, string id)
    {
        var result = await Service.GetAsync(tenant.BusinessId, id, Ct);
        Assert.True(result.IsOk, result.Problem?.Detail);
        return result.Value;
    }

    private async Task<string> RawDocumentAsync(Tenant tenant, string id)
    {
        using var response = await Container("integrations").ReadItemStreamAsync(id, new PartitionKey(tenant.BusinessId), cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(response.Content);
        return await reader.ReadToEndAsync(Ct);
    }

    private async Task<List<string>> RawPartitionAsync(Tenant tenant, string container)
    {
        var documents = new List<string>();
        using var iterator = Container(container).GetItemQueryStreamIterator(
            new QueryDefinition("SELECT * FROM c WHERE c.businessId = @businessId").WithParameter("@businessId", tenant.BusinessId),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(tenant.BusinessId) });
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(Ct);
            page.EnsureSuccessStatusCode();
            using var reader = new StreamReader(page.Content);
            documents.Add(await reader.ReadToEndAsync(Ct));
        }
        return documents;
    }
}
