using System.Net;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using static MultiPhone.IntegrationTests.Infrastructure.FaultInjector;

namespace MultiPhone.IntegrationTests;

/// <summary>
/// A create writes three documents without a transaction. These tests stop it between writes (by failing the
/// Cosmos requests that would follow) and check that no number stays blocked and no phone lacks its index entry.
/// </summary>
public sealed class CrashSafetyTests(FaultyApiFactory api) : IClassFixture<FaultyApiFactory>
{
    private static readonly TimeSpan Lease = new PhoneNumbersOptions().ReservationLease;

    [Fact]
    public async Task StopAfterReservingLeavesNoPhoneAndFreesTheNumberAfterTheLease()
    {
        using var crashed = await api.NewTenantAsync();
        using var next = await api.NewTenantAsync();
        var number = Numbers.NextUs();

        HttpResponseMessage failed;
        // The process "dies" once the number is reserved: the phone never becomes ready, and the undo fails too.
        using (api.Faults.Fail(r => Replaces("phoneNumbers")(r) || r.Method == HttpMethod.Delete))
        {
            failed = await crashed.PostPhoneAsync(PhoneCalls.NewPhone(number));
        }

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Empty(await crashed.ListPhonesAsync());
        await (await next.PostPhoneAsync(PhoneCalls.NewPhone(number))).AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-taken");

        api.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        var (taken, _) = await next.CreatePhoneAsync(number);
        Assert.Equal(number, taken.PhoneNumber);
        Assert.Empty(await crashed.ListPhonesAsync());
    }

    [Fact]
    public async Task FailedActivationIsUndoneSoARetrySucceedsAtOnce()
    {
        using var tenant = await api.NewTenantAsync();
        var number = Numbers.NextUs();

        HttpResponseMessage failed;
        using (api.Faults.Fail(Replaces("phoneNumbers")))
        {
            failed = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(number), idempotencyKey: "retry-me");
        }
        var retried = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(number), idempotencyKey: "retry-me");

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        var phone = await retried.ReadAsync<PhoneNumberResponse>(HttpStatusCode.Created);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(phone.Id, Assert.Single(await tenant.ListPhonesAsync()).Id);
    }

    [Fact]
    public async Task StopBeforeReservingLeavesNothingVisibleAndNothingBlocked()
    {
        using var tenant = await api.NewTenantAsync();
        var number = Numbers.NextUs();

        HttpResponseMessage failed;
        using (api.Faults.Fail(r => Writes(HttpMethod.Post, "phoneNumberIndex")(r) || r.Method == HttpMethod.Delete))
        {
            failed = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(number));
        }

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Empty(await tenant.ListPhonesAsync());
        var (phone, _) = await tenant.CreatePhoneAsync(number);
        Assert.True(phone.IsPrimary);
    }

    [Fact]
    public async Task StopBeforeNamingThePrimaryStillLeavesExactlyOnePrimary()
    {
        using var tenant = await api.NewTenantAsync();

        HttpResponseMessage failed;
        // The create writes the business twice: its phone-number slot, then (for a first phone) the primary's name.
        var businessWrites = 0;
        using (api.Faults.Fail(r => Replaces("businesses")(r) && Interlocked.Increment(ref businessWrites) > 1))
        {
            failed = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()));
        }
        var (second, _) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        var phones = await tenant.ListPhonesAsync();
        Assert.Equal(2, phones.Count);
        var primary = Assert.Single(phones, p => p.IsPrimary);
        Assert.NotEqual(second.Id, primary.Id);
    }

    [Fact]
    public async Task StopAfterDeletingAPhoneDoesNotBlockItsNumber()
    {
        using var tenant = await api.NewTenantAsync();
        using var next = await api.NewTenantAsync();
        var (phone, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs());

        HttpResponseMessage failed;
        using (api.Faults.Fail(Writes(HttpMethod.Delete, "phoneNumberIndex")))
        {
            failed = await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{phone.Id}"), null, etag);
        }
        api.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Empty(await tenant.ListPhonesAsync());
        var (taken, _) = await next.CreatePhoneAsync(phone.PhoneNumber);
        Assert.Equal(phone.PhoneNumber, taken.PhoneNumber);
    }
}
