using MultiPhone.Businesses;
using MultiPhone.Common;
using MultiPhone.Subscriptions;

namespace MultiPhone.UnitTests.Subscriptions;

public sealed class SubscriptionRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 9, 30, 0, TimeSpan.Zero);

    private static readonly Subscription Current = new()
    {
        Plan = SubscriptionPlan.Starter,
        MaxPhoneNumbers = 3,
        Version = 7,
        UpdatedAt = Now.AddDays(-30),
    };

    private static Subscription Allowed(SubscriptionInput input, bool byOperations, int phonesInUse = 0)
    {
        var result = SubscriptionRules.Apply(Current, input, byOperations, phonesInUse, Now);
        Assert.True(result.IsOk, result.IsOk ? null : $"{result.Problem.Type}: {result.Problem.Detail}");
        return result.Value;
    }

    private static Problem Refused(SubscriptionInput input, bool byOperations, int phonesInUse = 0)
    {
        var result = SubscriptionRules.Apply(Current, input, byOperations, phonesInUse, Now);
        Assert.False(result.IsOk, "Expected a refusal");
        return result.Problem;
    }

    private static string[] ErrorFields(Problem problem)
    {
        Assert.Equal(ProblemTypes.Validation, problem.Type);
        Assert.Equal(400, problem.Status);
        return [.. problem.Errors!.Keys.Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APlanIsRequired(bool byOperations)
    {
        Assert.Equal(["plan"], ErrorFields(Refused(new SubscriptionInput { Plan = null }, byOperations)));
        Assert.Equal(["plan"], ErrorFields(Refused(new SubscriptionInput { Plan = null, MaxPhoneNumbers = 5 }, byOperations)));
    }

    [Theory]
    [InlineData(SubscriptionPlan.Starter, 3, false)]
    [InlineData(SubscriptionPlan.Growth, 10, false)]
    [InlineData(SubscriptionPlan.Scale, 50, false)]
    [InlineData(SubscriptionPlan.Starter, 3, true)]
    [InlineData(SubscriptionPlan.Growth, 10, true)]
    [InlineData(SubscriptionPlan.Scale, 50, true)]
    public void ASelfServicePlanHasItsFixedLimit(SubscriptionPlan plan, int limit, bool byOperations)
    {
        var next = Allowed(new SubscriptionInput { Plan = plan }, byOperations);

        Assert.Equal((plan, limit), (next.Plan, next.MaxPhoneNumbers));
        Assert.Equal(limit, Subscription.LimitOf(plan));
    }

    [Fact]
    public void AChangeBumpsTheVersionAndStampsTheTime()
    {
        var next = Allowed(new SubscriptionInput { Plan = SubscriptionPlan.Growth }, byOperations: false);

        Assert.Equal(Current with { Plan = SubscriptionPlan.Growth, MaxPhoneNumbers = 10, Version = 8, UpdatedAt = Now }, next);
        Assert.NotEqual(Current.ETag, next.ETag);
    }

    [Fact]
    public void ChoosingTheSamePlanStillCountsAsAChange()
    {
        var next = Allowed(new SubscriptionInput { Plan = SubscriptionPlan.Starter }, byOperations: false);

        Assert.Equal((SubscriptionPlan.Starter, 3, 8L, Now), (next.Plan, next.MaxPhoneNumbers, next.Version, next.UpdatedAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(500)]
    public void AnAdminCannotChooseEnterprise(int? maxPhoneNumbers)
    {
        var problem = Refused(new SubscriptionInput { Plan = SubscriptionPlan.Enterprise, MaxPhoneNumbers = maxPhoneNumbers }, byOperations: false);

        Assert.Equal((ProblemTypes.Forbidden, 403), (problem.Type, problem.Status));
        Assert.Contains("operations", problem.Detail);
    }

    [Theory]
    [InlineData(SubscriptionPlan.Starter, 3)]
    [InlineData(SubscriptionPlan.Growth, 10)]
    [InlineData(SubscriptionPlan.Scale, 1)]
    public void AnAdminCannotSetALimitEvenTheOneOfThePlan(SubscriptionPlan plan, int maxPhoneNumbers)
    {
        var problem = Refused(new SubscriptionInput { Plan = plan, MaxPhoneNumbers = maxPhoneNumbers }, byOperations: false);

        Assert.Equal((ProblemTypes.Forbidden, 403), (problem.Type, problem.Status));
    }

    [Theory]
    [InlineData(SubscriptionPlan.Starter)]
    [InlineData(SubscriptionPlan.Growth)]
    [InlineData(SubscriptionPlan.Scale)]
    public void OperationsCannotSetALimitOnASelfServicePlan(SubscriptionPlan plan) =>
        Assert.Equal(["maxPhoneNumbers"], ErrorFields(Refused(new SubscriptionInput { Plan = plan, MaxPhoneNumbers = 20 }, byOperations: true)));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(Subscription.MaxEnterprisePhoneNumbers)]
    public void OperationsSetEnterpriseWithACustomLimit(int limit)
    {
        var next = Allowed(new SubscriptionInput { Plan = SubscriptionPlan.Enterprise, MaxPhoneNumbers = limit }, byOperations: true);

        Assert.Equal(Current with { Plan = SubscriptionPlan.Enterprise, MaxPhoneNumbers = limit, Version = 8, UpdatedAt = Now }, next);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(Subscription.MaxEnterprisePhoneNumbers + 1)]
    [InlineData(int.MaxValue)]
    public void EnterpriseNeedsALimitInRange(int? maxPhoneNumbers)
    {
        var problem = Refused(new SubscriptionInput { Plan = SubscriptionPlan.Enterprise, MaxPhoneNumbers = maxPhoneNumbers }, byOperations: true);

        Assert.Equal(["maxPhoneNumbers"], ErrorFields(problem));
        Assert.Contains(Subscription.MaxEnterprisePhoneNumbers.ToString(), problem.Errors!["maxPhoneNumbers"].Single());
    }

    [Theory]
    [InlineData(SubscriptionPlan.Starter, 4, false)]
    [InlineData(SubscriptionPlan.Growth, 11, false)]
    [InlineData(SubscriptionPlan.Scale, 51, true)]
    public void APlanBelowThePhonesInUseIsRefused(SubscriptionPlan plan, int phonesInUse, bool byOperations)
    {
        var problem = Refused(new SubscriptionInput { Plan = plan }, byOperations, phonesInUse);

        Assert.Equal((ProblemTypes.PhoneNumberLimit, 409), (problem.Type, problem.Status));
        Assert.Contains(plan.ToString().ToLowerInvariant(), problem.Detail);
        Assert.Contains($"{phonesInUse} phone numbers", problem.Detail);
        Assert.Contains($"allows {Subscription.LimitOf(plan)}", problem.Detail);
    }

    [Fact]
    public void AnEnterpriseLimitBelowThePhonesInUseIsRefused()
    {
        var problem = Refused(new SubscriptionInput { Plan = SubscriptionPlan.Enterprise, MaxPhoneNumbers = 5 }, byOperations: true, phonesInUse: 6);

        Assert.Equal((ProblemTypes.PhoneNumberLimit, 409), (problem.Type, problem.Status));
        Assert.Contains("enterprise plan allows 5", problem.Detail);
    }

    [Theory]
    [InlineData(SubscriptionPlan.Starter, 3)]
    [InlineData(SubscriptionPlan.Growth, 10)]
    [InlineData(SubscriptionPlan.Scale, 50)]
    public void APlanExactlyAtThePhonesInUseIsAllowed(SubscriptionPlan plan, int phonesInUse) =>
        Assert.Equal(plan, Allowed(new SubscriptionInput { Plan = plan }, byOperations: false, phonesInUse).Plan);

    [Fact]
    public void PermissionIsCheckedBeforeThePhonesInUse()
    {
        var problem = Refused(new SubscriptionInput { Plan = SubscriptionPlan.Enterprise, MaxPhoneNumbers = 1 }, byOperations: false, phonesInUse: 10);

        Assert.Equal(ProblemTypes.Forbidden, problem.Type);
    }

    [Fact]
    public void TheDefaultIsStarterWithThreePhoneNumbers()
    {
        Assert.Equal((SubscriptionPlan.Starter, 3, 0L, (DateTimeOffset?)null),
            (Subscription.Default.Plan, Subscription.Default.MaxPhoneNumbers, Subscription.Default.Version, Subscription.Default.UpdatedAt));
        Assert.Null(Subscription.LimitOf(SubscriptionPlan.Enterprise));
    }
}
