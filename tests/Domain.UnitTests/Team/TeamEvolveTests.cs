using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Team.TeamHistory;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

/// <summary>Folds what the decider decided, step by step, so each state is the one the next command would see.</summary>
public sealed class TeamEvolveTests
{
    private static readonly DateTimeOffset Later = Now.AddDays(1);

    private static Tenant Decide(Tenant state, Func<Tenant, IReadOnlyList<object>> decide) =>
        decide(state).Aggregate(state, (s, e) => s.Evolve(e));

    [Fact]
    public void Added_members_are_kept_in_order_with_their_roles()
    {
        var state = Decide(Given(), s => TeamDecider.AddMember(s, Ayu, " Ayu ", "ayu@tokomaju.id", MemberRole.Owner, Now));
        state = Decide(state, s => TeamDecider.AddMember(s, Budi, "Budi", "budi@tokomaju.id", MemberRole.Agent, Later));

        Assert.Equal(
            [
                new TeamMember(Ayu, "Ayu", "ayu@tokomaju.id", MemberRole.Owner, Now),
                new TeamMember(Budi, "Budi", "budi@tokomaju.id", MemberRole.Agent, Later),
            ],
            state.Members);
        Assert.Equal(Later, state.UpdatedAt);
    }

    [Fact]
    public void Role_change_changes_only_that_member()
    {
        var state = Decide(Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Owner)), s => TeamDecider.ChangeMemberRole(s, Ayu, MemberRole.Auditor, Now));

        Assert.Equal([(Ayu, MemberRole.Auditor), (Budi, MemberRole.Owner)], state.Members.Select(m => (m.MemberId, m.Role)));
        Assert.Equal(Now, state.UpdatedAt);
    }

    [Fact]
    public void Credential_keeps_its_granted_scopes_and_is_active()
    {
        var state = Decide(Given(Joined(Ayu, MemberRole.Owner), Joined(Dewi, MemberRole.Auditor)), s => TeamDecider.CreateCredential(
            s, "dewi-audit", CredentialKind.Member, Dewi, [], " Audit export ", Now));

        TeamAssert.Credentials(
            [new Credential("dewi-audit", CredentialKind.Member, Dewi, [TenantScopes.TenantRead, TenantScopes.AuditRead], "Audit export", Now)],
            state.Credentials);
        Assert.True(Assert.Single(state.Credentials).IsActive);
        Assert.Same(state.Credentials[0], state.FindActiveCredential("dewi-audit"));
    }

    [Fact]
    public void Revoked_credential_is_kept_with_its_revocation_time_and_is_no_longer_active()
    {
        var state = Given(Issued("crm-backend", null, TenantScopes.MessagesSend), Issued("billing", null, TenantScopes.TenantRead));

        state = Decide(state, s => TeamDecider.RevokeCredential(s, "crm-backend", "leaked", Later));

        TeamAssert.Credentials(
            [
                new Credential("crm-backend", CredentialKind.Application, null, [TenantScopes.MessagesSend], "Key crm-backend", CreatedAt) { RevokedAt = Later },
                new Credential("billing", CredentialKind.Application, null, [TenantScopes.TenantRead], "Key billing", CreatedAt),
            ],
            state.Credentials);
        Assert.Equal([false, true], state.Credentials.Select(c => c.IsActive));
        Assert.Null(state.FindActiveCredential("crm-backend"));
        Assert.Equal(Later, state.UpdatedAt);
    }

    [Fact]
    public void Removed_member_is_gone_and_their_credentials_are_revoked_but_kept()
    {
        var state = Given(
            Joined(Ayu, MemberRole.Owner),
            Joined(Budi, MemberRole.Agent),
            Issued("budi-laptop", Budi, TenantScopes.MessagesSend),
            Issued("ayu-cli", Ayu, TenantScopes.TenantManage));

        state = Decide(state, s => TeamDecider.RemoveMember(s, Budi, Later));

        Assert.Equal([Ayu], state.Members.Select(m => m.MemberId));
        Assert.Equal(
            [("budi-laptop", (DateTimeOffset?)Later), ("ayu-cli", null)],
            state.Credentials.Select(c => (c.ClientId, c.RevokedAt)));
    }

    [Fact]
    public void Secret_rotation_changes_only_the_update_time()
    {
        var before = Given(Issued("crm-backend", null, TenantScopes.MessagesSend));

        var after = Decide(before, s => TeamDecider.RotateCredentialSecret(s, "crm-backend", Later));

        Assert.Equal(Later, after.UpdatedAt);
        Assert.Same(before.Credentials, after.Credentials);
        Assert.Equal(before with { UpdatedAt = Later }, after);
    }
}
