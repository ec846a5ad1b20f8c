using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Team.TeamHistory;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

public sealed class RemoveMemberTests
{
    [Fact]
    public void Removing_the_last_owner_is_refused()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Admin));

        var refused = Refused(() => TeamDecider.RemoveMember(state, Ayu, Now));

        Assert.Equal("LAST_OWNER", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Removing_one_of_two_owners_emits_the_removal()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Owner));

        Assert.Equal([new MemberRemoved(TenantId, Ayu, Now)], TeamDecider.RemoveMember(state, Ayu, Now));
    }

    [Fact]
    public void Removing_an_unknown_member_is_refused()
    {
        var refused = Refused(() => TeamDecider.RemoveMember(Given(Joined(Ayu, MemberRole.Owner)), Budi, Now));

        Assert.Equal("MEMBER_NOT_FOUND", refused.Reason);
        Assert.Equal(RuleKind.NotFound, refused.Kind);
    }

    [Fact]
    public void Removing_a_member_without_credentials_emits_only_the_removal()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Agent), Issued("ayu-cli", Ayu, TenantScopes.TenantRead));

        Assert.Equal([new MemberRemoved(TenantId, Budi, Now)], TeamDecider.RemoveMember(state, Budi, Now));
    }

    [Fact]
    public void Removing_a_member_revokes_each_of_their_active_credentials_and_no_other()
    {
        var state = Given(
            Joined(Ayu, MemberRole.Owner),
            Joined(Budi, MemberRole.Agent),
            Issued("budi-laptop", Budi, TenantScopes.MessagesSend),
            Issued("budi-old", Budi, TenantScopes.TenantRead),
            Revoked("budi-old"),
            Issued("ayu-cli", Ayu, TenantScopes.TenantManage),
            Issued("crm-backend", null, TenantScopes.MessagesSend),
            Issued("budi-phone", Budi, TenantScopes.ConversationsRead));

        var events = TeamDecider.RemoveMember(state, Budi, Now);

        Assert.Equal(
            [
                new MemberRemoved(TenantId, Budi, Now),
                new CredentialRevoked(TenantId, "budi-laptop", "member removed", Now),
                new CredentialRevoked(TenantId, "budi-phone", "member removed", Now),
            ],
            events);
    }

    [Fact]
    public void Removing_a_member_from_a_suspended_tenant_is_refused()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Agent), Suspended());

        var refused = Refused(() => TeamDecider.RemoveMember(state, Budi, Now));

        Assert.Equal("TENANT_SUSPENDED", refused.Reason);
    }
}
