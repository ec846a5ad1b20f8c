using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Team.TeamHistory;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

public sealed class ChangeMemberRoleTests
{
    [Fact]
    public void Changing_the_role_of_an_unknown_member_is_refused()
    {
        var refused = Refused(() => TeamDecider.ChangeMemberRole(Given(Joined(Ayu, MemberRole.Owner)), Budi, MemberRole.Admin, Now));

        Assert.Equal("MEMBER_NOT_FOUND", refused.Reason);
        Assert.Equal(RuleKind.NotFound, refused.Kind);
    }

    [Fact]
    public void Changing_a_role_to_the_same_role_emits_nothing()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Agent));

        Assert.Empty(TeamDecider.ChangeMemberRole(state, Budi, MemberRole.Agent, Now));
        Assert.Empty(TeamDecider.ChangeMemberRole(state, Ayu, MemberRole.Owner, Now));
    }

    [Fact]
    public void Promoting_an_agent_to_admin_emits_the_role_change()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Agent));

        var events = TeamDecider.ChangeMemberRole(state, Budi, MemberRole.Admin, Now);

        Assert.Equal([new MemberRoleChanged(TenantId, Budi, MemberRole.Admin, Now)], events);
    }

    [Theory]
    [InlineData(MemberRole.Admin)]
    [InlineData(MemberRole.Agent)]
    [InlineData(MemberRole.Auditor)]
    public void Demoting_the_only_owner_is_refused(MemberRole role)
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Admin));

        var refused = Refused(() => TeamDecider.ChangeMemberRole(state, Ayu, role, Now));

        Assert.Equal("LAST_OWNER", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Demoting_one_of_two_owners_emits_the_role_change()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Owner));

        var events = TeamDecider.ChangeMemberRole(state, Ayu, MemberRole.Admin, Now);

        Assert.Equal([new MemberRoleChanged(TenantId, Ayu, MemberRole.Admin, Now)], events);
    }

    [Fact]
    public void Changing_a_role_on_a_suspended_tenant_is_refused()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Agent), Suspended());

        var refused = Refused(() => TeamDecider.ChangeMemberRole(state, Budi, MemberRole.Admin, Now));

        Assert.Equal("TENANT_SUSPENDED", refused.Reason);
    }
}
