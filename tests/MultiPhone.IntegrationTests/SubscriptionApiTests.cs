using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using MultiPhone.Businesses;
using MultiPhone.Functions.Auth;
using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.PhoneNumbers;
using MultiPhone.Subscriptions;

namespace MultiPhone.IntegrationTests;

public sealed class SubscriptionApiTests(ApiFactory api)
{
    [Fact]
    public async Task ANewBusinessIsOnStarterWithThreePhoneNumbersAndCountsItsPhones()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);

        var (fresh, _) = await tenant.GetSubscriptionAsync();
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "One");
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Two");
        var (used, _) = await tenant.GetSubscriptionAsync();

        Assert.Equal(new SubscriptionResponse(SubscriptionPlan.Starter, 3, 0, null), fresh);
        Assert.Equal(new SubscriptionResponse(SubscriptionPlan.Starter, 3, 2, null), used);
    }

    [Fact]
    public async Task AFourthPhoneOnStarterIsRefusedNamingThePlan()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        for (var i = 0; i < 3; i++)
        {
            await tenant.CreatePhoneAsync(Numbers.NextUs(), $"Phone {i}");
        }

        var fourth = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()));

        var problem = await fourth.AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-limit");
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("starter", detail);
        Assert.Contains("3", detail);
        Assert.Equal(3, (await tenant.ListPhonesAsync()).Count);
    }

    [Fact]
    public async Task ParallelCreatesNeverExceedTheLimit()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Existing");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs(), $"Parallel {i}"))));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var refused = responses.Except(created).ToList();
        Assert.Equal(2, created.Count);
        foreach (var response in refused)
        {
            await response.AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-limit");
        }
        Assert.Equal(3, (await tenant.ListPhonesAsync()).Count);
        Assert.Equal(3, (await tenant.GetSubscriptionAsync()).Subscription.PhoneNumbersUsed);
    }

    [Fact]
    public async Task DeletingAPhoneFreesItsSlot()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Primary");
        var (second, etag) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Second");
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Third");
        await (await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()))).AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-limit");

        (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{second.Id}"), null, etag)).EnsureSuccessStatusCode();
        var (afterDelete, _) = await tenant.GetSubscriptionAsync();
        var (replacement, _) = await tenant.CreatePhoneAsync(Numbers.NextUs(), "Replacement");

        Assert.Equal(2, afterDelete.PhoneNumbersUsed);
        Assert.Contains(replacement.Id, (await tenant.ListPhonesAsync()).Select(p => p.Id));
        Assert.Equal(3, (await tenant.GetSubscriptionAsync()).Subscription.PhoneNumbersUsed);
    }

    [Fact]
    public async Task AnAdminMovesToGrowthAndScaleUnderIfMatch()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        var (_, starterETag) = await tenant.GetSubscriptionAsync();

        var unconditional = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "growth" }, ifMatch: null);
        var toGrowth = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "growth" }, starterETag);
        var growth = await toGrowth.ReadAsync<SubscriptionResponse>();
        var stale = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "scale" }, starterETag);
        var toScale = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "scale" }, toGrowth.ETag());
        var scale = await toScale.ReadAsync<SubscriptionResponse>();

        await unconditional.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal((SubscriptionPlan.Growth, 10), (growth.Plan, growth.MaxPhoneNumbers));
        Assert.NotNull(growth.UpdatedAt);
        Assert.NotEqual(starterETag, toGrowth.ETag());
        Assert.Equal((SubscriptionPlan.Scale, 50), (scale.Plan, scale.MaxPhoneNumbers));
        var (read, readETag) = await tenant.GetSubscriptionAsync();
        Assert.Equal(scale, read);
        Assert.Equal(toScale.ETag(), readETag);
    }

    [Fact]
    public async Task UpgradingRaisesTheLimitAtOnce()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        for (var i = 0; i < 3; i++)
        {
            await tenant.CreatePhoneAsync(Numbers.NextUs(), $"Phone {i}");
        }
        var (_, etag) = await tenant.GetSubscriptionAsync();

        (await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "growth" }, etag)).EnsureSuccessStatusCode();
        await tenant.CreatePhoneAsync(Numbers.NextUs(), "Fourth");

        Assert.Equal(new SubscriptionResponse(SubscriptionPlan.Growth, 10, 4, null),
            (await tenant.GetSubscriptionAsync()).Subscription with { UpdatedAt = null });
    }

    [Fact]
    public async Task AnAdminCannotChooseEnterpriseOrSetALimit()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        var (before, etag) = await tenant.GetSubscriptionAsync();

        object[] bodies =
        [
            new { plan = "enterprise", maxPhoneNumbers = 500 },
            new { plan = "enterprise" },
            new { plan = "growth", maxPhoneNumbers = 10 },
            new { plan = "scale", maxPhoneNumbers = 500 },
        ];
        foreach (var body in bodies)
        {
            var response = await tenant.PutSubscriptionAsync(tenant.Admin, body, etag);
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.Contains("operations", problem.GetProperty("detail").GetString());
        }

        Assert.Equal((before, etag), await tenant.GetSubscriptionAsync());
    }

    [Fact]
    public async Task OpsSetsEnterpriseWithACustomLimit()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        using var ops = api.Ops();
        var (_, etag) = await tenant.GetSubscriptionAsync();

        var response = await tenant.PutSubscriptionAsync(ops, new { plan = "enterprise", maxPhoneNumbers = 4 }, etag);
        var enterprise = await response.ReadAsync<SubscriptionResponse>();
        for (var i = 0; i < 4; i++)
        {
            await tenant.CreatePhoneAsync(Numbers.NextUs(), $"Phone {i}");
        }
        var fifth = await tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs()));

        Assert.Equal((SubscriptionPlan.Enterprise, 4), (enterprise.Plan, enterprise.MaxPhoneNumbers));
        var problem = await fifth.AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-limit");
        Assert.Contains("enterprise", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("enterprise", null)]
    [InlineData("enterprise", 0)]
    [InlineData("enterprise", Subscription.MaxEnterprisePhoneNumbers + 1)]
    [InlineData("growth", 10)]
    public async Task OpsGetsAValidationErrorForALimitThatDoesNotFitThePlan(string plan, int? maxPhoneNumbers)
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        using var ops = api.Ops();
        var (before, etag) = await tenant.GetSubscriptionAsync();

        var response = await tenant.PutSubscriptionAsync(ops, new { plan, maxPhoneNumbers }, etag);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["maxPhoneNumbers"], problem.ErrorFields());
        Assert.Equal((before, etag), await tenant.GetSubscriptionAsync());
    }

    [Fact]
    public async Task APlanIsRequired()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        var (_, etag) = await tenant.GetSubscriptionAsync();

        var response = await tenant.PutSubscriptionAsync(tenant.Admin, new { }, etag);

        Assert.Equal(["plan"], (await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).ErrorFields());
    }

    [Fact]
    public async Task DowngradingBelowThePhonesInUseIsRefused()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        using var ops = api.Ops();
        var (_, etag) = await tenant.GetSubscriptionAsync();
        var growth = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "growth" }, etag);
        etag = growth.ETag();
        var phones = new List<(PhoneNumberResponse Phone, string ETag)>();
        for (var i = 0; i < 4; i++)
        {
            phones.Add(await tenant.CreatePhoneAsync(Numbers.NextUs(), $"Phone {i}"));
        }

        var toStarter = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "starter" }, etag);
        var toSmallEnterprise = await tenant.PutSubscriptionAsync(ops, new { plan = "enterprise", maxPhoneNumbers = 3 }, etag);

        foreach (var refused in new[] { toStarter, toSmallEnterprise })
        {
            var detail = (await refused.AssertProblemAsync(HttpStatusCode.Conflict, "phone-number-limit")).GetProperty("detail").GetString();
            Assert.Contains("4", detail);
            Assert.Contains("3", detail);
        }
        Assert.Equal((SubscriptionPlan.Growth, 4), await PlanAndUsedAsync(tenant));

        var (last, lastETag) = phones.Single(p => !p.Phone.IsPrimary && p.Phone.DisplayName == "Phone 3");
        (await tenant.Admin.SendJsonAsync(HttpMethod.Delete, tenant.Path($"/phone-numbers/{last.Id}"), null, lastETag)).EnsureSuccessStatusCode();
        var afterDelete = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "starter" }, etag);

        Assert.Equal(SubscriptionPlan.Starter, (await afterDelete.ReadAsync<SubscriptionResponse>()).Plan);
        Assert.Equal((SubscriptionPlan.Starter, 3), await PlanAndUsedAsync(tenant));
    }

    [Theory]
    [InlineData(BusinessRole.Viewer)]
    [InlineData(BusinessRole.Editor)]
    public async Task ARoleBelowAdminCannotChangeIt(BusinessRole role)
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        var (before, etag) = await tenant.GetSubscriptionAsync();

        var response = await tenant.PutSubscriptionAsync(tenant.Client(role), new { plan = "growth" }, etag);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal((before, etag), await tenant.GetSubscriptionAsync());
    }

    private static async Task<(SubscriptionPlan, int)> PlanAndUsedAsync(Tenant tenant)
    {
        var (subscription, _) = await tenant.GetSubscriptionAsync();
        return (subscription.Plan, subscription.PhoneNumbersUsed);
    }
}

/// <summary>
/// A downgrade that overlaps a phone create: the create is held just before its phone becomes ready (it has taken
/// its slot), the plan is changed, then the create finishes. Whatever is refused, the business must never end up
/// with more phones than its plan allows.
/// </summary>
public sealed class RacingSubscriptionApiTests(GatedApiFactory api) : IClassFixture<GatedApiFactory>
{
    [Fact]
    public async Task ADowngradeDuringACreateNeverLeavesMorePhonesThanTheLimit()
    {
        using var tenant = await api.NewTenantAsync(maxPhoneNumbers: null);
        var (_, etag) = await tenant.GetSubscriptionAsync();
        var growth = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "growth" }, etag);
        etag = growth.ETag();
        for (var i = 0; i < 3; i++)
        {
            await tenant.CreatePhoneAsync(Numbers.NextUs(), $"Phone {i}");
        }

        HttpResponseMessage downgrade;
        Task<HttpResponseMessage> create;
        using (var held = api.Gate.Hold(FaultInjector.Replaces("phoneNumbers")))
        {
            create = tenant.PostPhoneAsync(PhoneCalls.NewPhone(Numbers.NextUs(), "In flight"));
            await held.Reached.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            downgrade = await tenant.PutSubscriptionAsync(tenant.Admin, new { plan = "starter" }, etag);
        }
        var created = await create;

        var (subscription, _) = await tenant.GetSubscriptionAsync();
        var phones = await tenant.ListPhonesAsync();
        Assert.True(phones.Count <= subscription.MaxPhoneNumbers,
            $"{phones.Count} phones on the {subscription.Plan} plan of {subscription.MaxPhoneNumbers} "
            + $"(downgrade: {(int)downgrade.StatusCode}, create: {(int)created.StatusCode})");
    }
}

/// <summary>An app whose Cosmos requests can be held at a chosen point until the test lets them go.</summary>
public sealed class GatedApiFactory : ApiFactory
{
    public RequestGate Gate { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<RequestHandler>(Gate);
}

/// <summary>Holds the first Cosmos request matching a condition until the scope returned by <see cref="Hold"/> is disposed.</summary>
public sealed class RequestGate : RequestHandler
{
    private Held? _held;

    public Held Hold(Func<RequestMessage, bool> match) => _held = new Held(this, match);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _held) is { } held && held.Match(request) && Interlocked.CompareExchange(ref _held, null, held) == held)
        {
            held.Arrived.TrySetResult();
            await held.Released.Task.WaitAsync(cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    public sealed class Held(RequestGate gate, Func<RequestMessage, bool> match) : IDisposable
    {
        internal Func<RequestMessage, bool> Match { get; } = match;

        internal TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a matching request is being held.</summary>
        public Task Reached => Arrived.Task;

        public void Dispose()
        {
            Interlocked.CompareExchange(ref gate._held, null, this);
            Released.TrySetResult();
        }
    }
}

/// <summary>Subscription calls of these tests.</summary>
internal static class SubscriptionCalls
{
    public static async Task<(SubscriptionResponse Subscription, string ETag)> GetSubscriptionAsync(this Tenant tenant)
    {
        var response = await tenant.Viewer.GetAsync(tenant.Path("/subscription"), TestContext.Current.CancellationToken);
        return (await response.ReadAsync<SubscriptionResponse>(), response.ETag());
    }

    public static Task<HttpResponseMessage> PutSubscriptionAsync(this Tenant tenant, HttpClient client, object body, string? ifMatch) =>
        client.SendJsonAsync(HttpMethod.Put, tenant.Path("/subscription"), body, ifMatch);
}
