using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class RetentionTests
{
    private static readonly RetentionPolicy Policy = new(TimeSpan.FromDays(90), TimeSpan.FromDays(30), TimeSpan.FromDays(7), null, TimeSpan.FromDays(3650));

    [Fact]
    public void A_new_tenant_keeps_everything_until_erased()
    {
        Assert.Same(RetentionPolicy.Default, Given().Retention);
        Assert.All(Enum.GetValues<RetentionKind>(), kind => Assert.Null(Given().Retention.PeriodOf(kind)));
    }

    [Fact]
    public void Changing_records_the_policy_and_the_tenant_carries_it_and_the_same_policy_again_records_nothing()
    {
        var changed = Assert.IsType<RetentionPolicyChanged>(Assert.Single(RetentionDecider.Change(Given(), Policy, Now)));
        var after = Given(changed);

        Assert.Equal(Policy, after.Retention);
        Assert.Equal(Now, after.UpdatedAt);
        Assert.Equal(TimeSpan.FromDays(7), after.Retention.PeriodOf(RetentionKind.WebhookBodies));
        Assert.Empty(RetentionDecider.Change(after, Policy with { }, Now));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(3651)]
    [InlineData(-1)]
    public void A_period_that_is_not_whole_days_from_one_to_3650_is_refused_naming_the_field(double days)
    {
        var policy = RetentionPolicy.Default with { AiRecords = TimeSpan.FromDays(days) };

        Assert.Equal(["policy.ai_records"], RetentionRules.Check(policy, "policy.").Select(p => p.Field));
        Assert.Equal("RETENTION_OUT_OF_RANGE", Assert.Throws<DomainException>(() => RetentionDecider.Change(Given(), policy, Now)).Reason);
    }

    [Fact]
    public void A_purge_is_recorded_with_its_count_only_when_it_removed_something_and_changes_no_setting()
    {
        var state = Given(new RetentionPolicyChanged(TenantId, Policy, Now));
        var before = Now.AddDays(-30);

        var purged = Assert.IsType<RetentionPurged>(Assert.Single(RetentionDecider.Purged(state, RetentionKind.Media, before, 3, Now)));

        Assert.Equal((RetentionKind.Media, before, 3), (purged.Kind, purged.Before, purged.Count));
        Assert.Empty(RetentionDecider.Purged(state, RetentionKind.Media, before, 0, Now));
        Assert.Equal(state, state.Evolve(purged));
    }
}
