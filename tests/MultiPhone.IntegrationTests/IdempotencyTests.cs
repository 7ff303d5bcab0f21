using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Common;
using MultiPhone.Idempotency;
using MultiPhone.Integrations;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Routes;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.IntegrationTests;

public sealed class IdempotencyTests(ApiFactory api)
{
    [Fact]
    public async Task ARetryWithTheSameKeyReturnsTheFirstResponseAndCreatesNothingNew()
    {
        using var tenant = await api.NewTenantAsync();
        var body = PhoneCalls.NewPhone(Numbers.NextUs());
        var key = Guid.NewGuid().ToString();

        var first = await tenant.PostPhoneAsync(body, key);
        var retry = await tenant.PostPhoneAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.ETag(), retry.ETag());
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Single(await tenant.ListPhonesAsync());
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsRefused()
    {
        using var tenant = await api.NewTenantAsync();
        var key = Guid.NewGuid().ToString();
        (await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()), key)).EnsureSuccessStatusCode();

        var reused = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()), key);

        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-mismatch");
        Assert.Single(await tenant.ListPhonesAsync());
    }

    [Fact]
    public async Task ARefusalIsRememberedLikeASuccess()
    {
        using var tenant = await api.NewTenantAsync();
        var key = Guid.NewGuid().ToString();
        var invalid = new { phoneNumber = "not a number", displayName = "x", timezone = "UTC" };

        var first = await tenant.PostPhoneAsync(invalid, key);
        var retry = await tenant.PostPhoneAsync(invalid, key);

        await first.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await retry.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SimultaneousRequestsWithOneKeyCreateOnePhone()
    {
        using var tenant = await api.NewTenantAsync();
        var body = PhoneCalls.NewPhone(Numbers.NextUs());
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => tenant.PostPhoneAsync(body, key)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        foreach (var busy in responses.Except(created))
        {
            await busy.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-in-progress");
        }
        var ids = await Task.WhenAll(created.Select(async r => (await r.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created)).Id));
        Assert.Single(ids.Distinct());
        Assert.Single(await tenant.ListPhonesAsync());
    }

    [Fact]
    public async Task KeysAreScopedToTheCallerAndTheResource()
    {
        using var first = await api.NewTenantAsync();
        using var second = await api.NewTenantAsync();
        var key = Guid.NewGuid().ToString();

        var a = await first.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()), key);
        var b = await second.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()), key);

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.False(b.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task AnUnusableKeyIsRefused()
    {
        using var tenant = await api.NewTenantAsync();

        var response = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()), new string('k', 256));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["Idempotency-Key"], problem.ErrorFields());
        Assert.Empty(await tenant.ListPhonesAsync());
    }

    [Fact]
    public async Task NoPlainDigestOfABodyWithSecretsIsStored()
    {
        using var tenant = await api.NewTenantAsync();
        var body = BusinessLevelRoutes.NewIntegration();
        var digest = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            JsonSerializer.Deserialize<IntegrationInput>(JsonSerializer.Serialize(body), ApiJson.Options), ApiJson.Options));

        foreach (var key in new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() })
        {
            var created = await tenant.Admin.SendJsonAsync(HttpMethod.Post, tenant.Path("/integrations"), body, idempotencyKey: key);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var stored = await StoredRequestHashesAsync(tenant.BusinessId);
        Assert.Equal(2, stored.Count);
        // Sealed with Data Protection: the same body gives a different value each time, and neither is the digest.
        Assert.NotEqual(stored[0], stored[1]);
        Assert.DoesNotContain(stored, value => value.Contains(Convert.ToHexStringLower(digest), StringComparison.OrdinalIgnoreCase)
            || value.Contains(Convert.ToBase64String(digest), StringComparison.Ordinal));
    }

    private async Task<List<string>> StoredRequestHashesAsync(string businessId)
    {
        var container = api.Services.GetRequiredService<Database>().GetContainer(IdempotencyStore.Definition.Name);
        var query = new QueryDefinition("SELECT VALUE c.requestHash FROM c WHERE c.businessId = @b").WithParameter("@b", businessId);
        var hashes = new List<string>();
        using var feed = container.GetItemQueryIterator<string>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(businessId) });
        while (feed.HasMoreResults)
        {
            hashes.AddRange(await feed.ReadNextAsync(TestContext.Current.CancellationToken));
        }
        return hashes;
    }
}
