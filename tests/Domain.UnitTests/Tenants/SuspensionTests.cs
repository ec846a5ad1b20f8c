using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class SuspensionTests
{
    [Fact]
    public void Suspend_active_tenant_emits_the_suspension_with_trimmed_reason()
    {
        var events = TenantDecider.Suspend(Given(), "  Unpaid invoice ", Now);

        Assert.Equal([new TenantSuspended(TenantId, "Unpaid invoice", Now)], events);
    }

    [Fact]
    public void Suspend_suspended_tenant_emits_nothing()
    {
        var events = TenantDecider.Suspend(Given(Suspended("Unpaid invoice")), "Spam reports", Now);

        Assert.Empty(events);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Suspend_without_reason_is_refused(string reason)
    {
        var refused = Refused(() => TenantDecider.Suspend(Given(), reason, Now));

        Assert.Equal("SUSPENSION_REASON_REQUIRED", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Reactivate_suspended_tenant_emits_the_reactivation()
    {
        var events = TenantDecider.Reactivate(Given(Suspended()), Now);

        Assert.Equal([new TenantReactivated(TenantId, Now)], events);
    }

    [Fact]
    public void Reactivate_active_tenant_emits_nothing()
    {
        Assert.Empty(TenantDecider.Reactivate(Given(), Now));
        Assert.Empty(TenantDecider.Reactivate(Given(Suspended(), new TenantReactivated(TenantId, CreatedAt)), Now));
    }
}
