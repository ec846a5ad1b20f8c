using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Team.TeamHistory;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

public sealed class CredentialLifecycleTests
{
    private static readonly Tenant WithCredentials = Given(
        Issued("crm-backend", null, TenantScopes.MessagesSend),
        Issued("old-backend", null, TenantScopes.MessagesSend),
        Revoked("old-backend"));

    [Fact]
    public void Rotating_the_secret_of_an_active_credential_emits_the_rotation()
    {
        var events = TeamDecider.RotateCredentialSecret(WithCredentials, "crm-backend", Now);

        Assert.Equal([new CredentialSecretRotated(TenantId, "crm-backend", Now)], events);
    }

    [Theory]
    [InlineData("no-such-client")]
    [InlineData("old-backend")]
    public void Rotating_the_secret_of_an_unknown_or_revoked_credential_is_refused(string clientId)
    {
        var refused = Refused(() => TeamDecider.RotateCredentialSecret(WithCredentials, clientId, Now));

        Assert.Equal("CREDENTIAL_NOT_FOUND", refused.Reason);
        Assert.Equal(RuleKind.NotFound, refused.Kind);
    }

    [Fact]
    public void Rotating_a_secret_on_a_suspended_tenant_is_refused()
    {
        var refused = Refused(() => TeamDecider.RotateCredentialSecret(WithCredentials.Evolve(Suspended()), "crm-backend", Now));

        Assert.Equal("TENANT_SUSPENDED", refused.Reason);
    }

    [Fact]
    public void Revoking_an_active_credential_emits_the_revocation_with_its_reason()
    {
        var events = TeamDecider.RevokeCredential(WithCredentials, "crm-backend", "leaked in a log", Now);

        Assert.Equal([new CredentialRevoked(TenantId, "crm-backend", "leaked in a log", Now)], events);
    }

    [Fact]
    public void Revoking_an_unknown_credential_is_refused()
    {
        var refused = Refused(() => TeamDecider.RevokeCredential(WithCredentials, "no-such-client", "leaked", Now));

        Assert.Equal("CREDENTIAL_NOT_FOUND", refused.Reason);
        Assert.Equal(RuleKind.NotFound, refused.Kind);
    }

    [Fact]
    public void Revoking_a_credential_twice_emits_nothing_the_second_time()
    {
        var first = TeamDecider.RevokeCredential(WithCredentials, "crm-backend", "leaked", Now);
        var state = first.Aggregate(WithCredentials, (s, e) => s.Evolve(e));

        Assert.Single(first);
        Assert.Empty(TeamDecider.RevokeCredential(state, "crm-backend", "leaked", Now.AddMinutes(1)));
    }

    [Fact]
    public void Revoking_a_credential_on_a_suspended_tenant_is_accepted()
    {
        var events = TeamDecider.RevokeCredential(WithCredentials.Evolve(Suspended()), "crm-backend", "tenant suspended", Now);

        Assert.Equal([new CredentialRevoked(TenantId, "crm-backend", "tenant suspended", Now)], events);
    }
}
