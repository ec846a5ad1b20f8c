using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Team.TeamHistory;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

public sealed class CreateCredentialTests
{
    private static readonly Tenant Team = Given(Joined(Ayu, MemberRole.Owner), Joined(Budi, MemberRole.Agent), Joined(Dewi, MemberRole.Auditor));

    private static IReadOnlyList<object> Create(Tenant state, CredentialKind kind, Guid? memberId, params string[] scopes) =>
        TeamDecider.CreateCredential(state, "client-1", kind, memberId, scopes, "  Budi's laptop ", Now);

    [Fact]
    public void Member_credential_within_the_role_emits_the_credential_with_trimmed_name()
    {
        var events = Create(Team, CredentialKind.Member, Budi, TenantScopes.MessagesSend, TenantScopes.ConversationsRead);

        TeamAssert.Created(
            new CredentialCreated(TenantId, "client-1", CredentialKind.Member, Budi, [TenantScopes.MessagesSend, TenantScopes.ConversationsRead], "Budi's laptop", Now),
            Assert.Single(events));
    }

    [Fact]
    public void Member_credential_without_scopes_gets_exactly_the_scopes_of_the_role()
    {
        var events = Create(Team, CredentialKind.Member, Budi);

        var created = Assert.IsType<CredentialCreated>(Assert.Single(events));
        Assert.Equal<string>(TenantScopes.Of(MemberRole.Agent), created.Scopes);
    }

    [Fact]
    public void Credential_with_an_unknown_scope_is_refused()
    {
        var refused = Refused(() => Create(Team, CredentialKind.Application, null, TenantScopes.MessagesSend, "messages.delete"));

        Assert.Equal("UNKNOWN_SCOPE", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Member_credential_without_a_member_is_refused()
    {
        var refused = Refused(() => Create(Team, CredentialKind.Member, null, TenantScopes.TenantRead));

        Assert.Equal("MEMBER_REQUIRED", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Member_credential_for_an_unknown_member_is_refused()
    {
        var refused = Refused(() => Create(Team, CredentialKind.Member, Citra, TenantScopes.TenantRead));

        Assert.Equal("MEMBER_NOT_FOUND", refused.Reason);
        Assert.Equal(RuleKind.NotFound, refused.Kind);
    }

    [Theory]
    [InlineData(TenantScopes.AuditRead)]
    [InlineData(TenantScopes.TenantManage)]
    [InlineData(TenantScopes.KnowledgeManage)]
    public void Member_credential_with_a_scope_beyond_the_role_is_refused(string scope)
    {
        var refused = Refused(() => Create(Team, CredentialKind.Member, Budi, TenantScopes.MessagesSend, scope));

        Assert.Equal("SCOPE_EXCEEDS_ROLE", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Auditor_credential_may_read_the_audit_but_not_send_messages()
    {
        Assert.Single(Create(Team, CredentialKind.Member, Dewi, TenantScopes.AuditRead));

        Assert.Equal("SCOPE_EXCEEDS_ROLE", Refused(() => Create(Team, CredentialKind.Member, Dewi, TenantScopes.MessagesSend)).Reason);
    }

    [Fact]
    public void Application_credential_emits_the_credential_with_its_scopes()
    {
        var events = Create(Team, CredentialKind.Application, null, TenantScopes.MessagesSend, TenantScopes.AuditRead);

        TeamAssert.Created(
            new CredentialCreated(TenantId, "client-1", CredentialKind.Application, null, [TenantScopes.MessagesSend, TenantScopes.AuditRead], "Budi's laptop", Now),
            Assert.Single(events));
    }

    [Fact]
    public void Application_credential_with_a_member_is_refused()
    {
        var refused = Refused(() => Create(Team, CredentialKind.Application, Budi, TenantScopes.MessagesSend));

        Assert.Equal("MEMBER_NOT_ALLOWED", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Application_credential_without_scopes_is_refused()
    {
        var refused = Refused(() => Create(Team, CredentialKind.Application, null));

        Assert.Equal("SCOPES_REQUIRED", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Theory]
    [InlineData(CredentialKind.Application)]
    [InlineData(CredentialKind.Member)]
    public void Credential_scopes_are_granted_once_each(CredentialKind kind)
    {
        Guid? memberId = kind == CredentialKind.Member ? Budi : null;

        var events = Create(Team, kind, memberId, TenantScopes.MessagesSend, TenantScopes.TenantRead, TenantScopes.MessagesSend);

        var created = Assert.IsType<CredentialCreated>(Assert.Single(events));
        Assert.Equal([TenantScopes.MessagesSend, TenantScopes.TenantRead], created.Scopes);
    }

    [Fact]
    public void Credential_on_a_suspended_tenant_is_refused()
    {
        var state = Team.Evolve(Suspended());

        Assert.Equal("TENANT_SUSPENDED", Refused(() => Create(state, CredentialKind.Application, null, TenantScopes.TenantRead)).Reason);
    }
}
