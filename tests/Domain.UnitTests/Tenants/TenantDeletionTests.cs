using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class TenantDeletionTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromDays(30);

    [Fact]
    public void A_request_schedules_the_deletion_after_the_grace_period_and_suspends_the_tenant()
    {
        var events = TenantDeletionDecider.Request(Given(), "pa_owner", " leaving ", Grace, Now);
        var after = Apply(Given(), events);

        Assert.Equal(
            [new TenantDeletionRequested(TenantId, "pa_owner", "leaving", Now, Now + Grace), new TenantSuspended(TenantId, TenantDeletionDecider.SuspensionReason, Now)],
            events);
        Assert.Equal(TenantStatus.Suspended, after.Status);
        Assert.Equal(new PendingDeletion("pa_owner", "leaving", Now, Now + Grace, SuspendedIt: true), after.Deletion);
        Assert.Empty(TenantDeletionDecider.Request(after, "pa_other", null, Grace, Now.AddDays(1)));
    }

    [Fact]
    public void Cancelling_within_the_grace_period_reactivates_the_tenant_the_request_suspended()
    {
        var scheduled = Apply(Given(), TenantDeletionDecider.Request(Given(), "pa_owner", null, Grace, Now));

        var events = TenantDeletionDecider.Cancel(scheduled, "pa_owner", Now.AddDays(29));
        var after = Apply(scheduled, events);

        Assert.Equal([new TenantDeletionCancelled(TenantId, "pa_owner", Now.AddDays(29)), new TenantReactivated(TenantId, Now.AddDays(29))], events);
        Assert.Equal(TenantStatus.Active, after.Status);
        Assert.Null(after.Deletion);
    }

    [Fact]
    public void Cancelling_leaves_a_tenant_suspended_before_the_request_suspended()
    {
        var suspended = Given(Suspended());
        var scheduled = Apply(suspended, TenantDeletionDecider.Request(suspended, "operator", null, Grace, Now));

        var after = Apply(scheduled, TenantDeletionDecider.Cancel(scheduled, "operator", Now.AddMinutes(5)));

        Assert.Equal(TenantStatus.Suspended, after.Status);
        Assert.Equal("Unpaid invoice", after.SuspensionReason);
    }

    [Fact]
    public void Nothing_to_cancel_after_the_grace_period_or_without_a_request_and_no_reactivation_while_scheduled()
    {
        var scheduled = Apply(Given(), TenantDeletionDecider.Request(Given(), "pa_owner", null, Grace, Now));

        Assert.Equal("TENANT_DELETION_DUE", Refused(() => TenantDeletionDecider.Cancel(scheduled, "pa_owner", Now + Grace)).Reason);
        Assert.Equal("TENANT_DELETION_NOT_SCHEDULED", Refused(() => TenantDeletionDecider.Cancel(Given(), "pa_owner", Now)).Reason);
        Assert.Equal("TENANT_DELETION_SCHEDULED", Refused(() => TenantDecider.Reactivate(scheduled, Now)).Reason);
    }

    private static Tenant Apply(Tenant state, IEnumerable<object> events) => events.Aggregate(state, (s, e) => s.Evolve(e));
}
