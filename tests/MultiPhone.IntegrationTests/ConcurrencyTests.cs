using System.Net;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;

namespace MultiPhone.IntegrationTests;

public sealed class ConcurrencyTests(ApiFactory api)
{
    [Fact]
    public async Task TwentyBusinessesPostingTheSameNumberAtOnceGiveExactlyOneCreated()
    {
        var tenants = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.NewTenantAsync()));
        var number = Numbers.NextUs();

        var responses = await Task.WhenAll(tenants.Select(t => t.PostPhoneAsync(PhoneCalls.NewPhone(number))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-taken");
        }
        var owners = await Task.WhenAll(tenants.Select(t => t.ListPhonesAsync()));
        Assert.Equal(1, owners.Sum(phones => phones.Count));
        foreach (var tenant in tenants)
        {
            tenant.Dispose();
        }
    }

    [Fact]
    public async Task ParallelPrimarySwitchesEndWithExactlyOnePrimary()
    {
        using var tenant = await api.NewTenantAsync();
        var phones = new List<(PhoneNumberResponse Phone, string ETag)>();
        for (var i = 0; i < 8; i++)
        {
            phones.Add(await tenant.CreatePhoneAsync(Numbers.NextUs(), $"Location {i}"));
        }

        for (var round = 0; round < 3; round++)
        {
            var current = await Task.WhenAll(phones.Select(p => tenant.GetPhoneAsync(p.Phone.Id)));
            var switches = await Task.WhenAll(current.Select(p => tenant.Admin.SendJsonAsync(HttpMethod.Put,
                tenant.Path($"/phone-numbers/{p.Phone.Id}"), PhoneCalls.NewPhone(p.Phone.PhoneNumber, p.Phone.DisplayName, isPrimary: true), p.ETag)));

            Assert.All(switches, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.PreconditionFailed, r.StatusCode.ToString()));
            var listed = await tenant.ListPhonesAsync();
            Assert.Equal(8, listed.Count);
            var primary = Assert.Single(listed, p => p.IsPrimary);
            Assert.Equal(primary.Id, listed[0].Id);
            var single = await Task.WhenAll(listed.Select(p => tenant.GetPhoneAsync(p.Id)));
            Assert.Equal([primary.Id], single.Where(p => p.Phone.IsPrimary).Select(p => p.Phone.Id));
        }
    }

    [Fact]
    public async Task ParallelFirstPhonesOfABusinessGiveExactlyOnePrimary()
    {
        using var tenant = await api.NewTenantAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var listed = await tenant.ListPhonesAsync();
        Assert.Equal(10, listed.Count);
        Assert.Single(listed, p => p.IsPrimary);
    }

    [Fact]
    public async Task ParallelUpdatesWithOneETagLetExactlyOneWin()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => tenant.Admin.SendJsonAsync(HttpMethod.Put,
            tenant.Path($"/phone-numbers/{phone.Id}"), PhoneCalls.NewPhone(phone.PhoneNumber, $"Name {i}"), etag)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
    }

    [Fact]
    public async Task ConcurrentPutsOfADefaultSectionWithIfMatchAnyAllSucceed()
    {
        using var tenant = await api.NewTenantAsync();

        await AssertAllSucceedAsync(i => tenant.Editor.SendJsonAsync(HttpMethod.Put, tenant.Path("/settings/defaults/sms"), new { signature = $"Writer {i}" }, "*"));
    }

    [Fact]
    public async Task ConcurrentPutsOfAPhoneWithIfMatchAnyAllSucceed()
    {
        using var tenant = await api.NewTenantAsync();
        var (phone, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        await AssertAllSucceedAsync(i => tenant.Admin.SendJsonAsync(HttpMethod.Put,
            tenant.Path($"/phone-numbers/{phone.Id}"), PhoneCalls.NewPhone(phone.PhoneNumber, $"Name {i}"), "*"));
    }

    [Fact]
    public async Task ConcurrentV1PutsWithoutIfMatchAllSucceed()
    {
        using var tenant = await api.NewTenantAsync();
        await tenant.CreatePhoneAsync(Numbers.NextUs());

        await AssertAllSucceedAsync(i => tenant.Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/businesses/{tenant.BusinessId}/settings/sms", new { signature = $"Writer {i}" }));
    }

    /// <summary>Ten writes of one resource at once, five rounds: every one must succeed (a write that matches anything is never stale).</summary>
    private static async Task AssertAllSucceedAsync(Func<int, Task<HttpResponseMessage>> write)
    {
        for (var round = 0; round < 5; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(write));
            var statuses = responses.Select(r => (int)r.StatusCode).ToList();
            Assert.True(statuses.All(s => s == 200), $"Round {round}: {string.Join(", ", statuses)}");
        }
    }
}
