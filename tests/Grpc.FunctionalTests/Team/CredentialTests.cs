extern alias client;

using System.Net;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;

namespace PesanAI.FunctionalTests.Team;

public sealed class CredentialTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TeamBuilder _team = new(app);

    [Fact]
    public async Task A_revoked_credentials_token_fails_on_its_next_call_not_at_expiry()
    {
        var tenant = await _team.Tenant("Toko Cabut");
        var owner = await _team.MemberCaller(tenant.Id, MemberRole.Owner);
        var partner = await owner.Tenants.CreateCredentialAsync(new CreateCredentialRequest
        {
            Kind = CredentialKind.Application,
            Scopes = { "tenant.read" },
            DisplayName = "ERP",
        });
        var (_, token, _) = await TokenRequests.Request(app, partner.Credential.ClientId, partner.ClientSecret);
        var raw = new TenantService.TenantServiceClient(app.RawChannel());
        var bearer = new Metadata { { "authorization", $"Bearer {token}" } };
        Assert.Equal(tenant.Id, (await raw.GetTenantAsync(new GetTenantRequest(), bearer)).Id);

        var revoked = await owner.Tenants.RevokeCredentialAsync(new RevokeCredentialRequest { ClientId = partner.Credential.ClientId, Reason = "contract ended" });

        Assert.NotNull(revoked.RevokeTime);
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => raw.GetTenantAsync(new GetTenantRequest(), bearer).ResponseAsync);
        var (status, _, error) = await TokenRequests.Request(app, partner.Credential.ClientId, partner.ClientSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", error);
        var listed = await owner.Tenants.ListCredentialsAsync(new ListCredentialsRequest());
        Assert.Contains(listed.Credentials, c => c.ClientId == partner.Credential.ClientId && c.RevokeTime is not null);
    }

    [Fact]
    public async Task Removing_a_member_revokes_their_credentials()
    {
        var tenant = await _team.Tenant("Toko Keluar");
        await _team.Member(tenant.Id, MemberRole.Owner);
        var agent = await _team.MemberCaller(tenant.Id, MemberRole.Agent);
        await agent.Tenants.GetTenantAsync(new GetTenantRequest());

        var removal = await _team.Operator.RemoveMemberAsync(new RemoveMemberRequest { TenantId = tenant.Id, MemberId = agent.MemberId });

        Assert.Equal(agent.ClientId, Assert.Single(removal.RevokedClientIds));
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => agent.Tenants.GetTenantAsync(new GetTenantRequest()).ResponseAsync);
    }

    [Fact]
    public async Task A_role_change_ends_the_members_current_tokens_and_bounds_the_next_ones()
    {
        var tenant = await _team.Tenant("Toko Turun");
        await _team.Member(tenant.Id, MemberRole.Owner);
        var member = await _team.Member(tenant.Id, MemberRole.Owner);
        var caller = await _team.CredentialFor(tenant.Id, member.MemberId);
        await caller.Tenants.ListCredentialsAsync(new ListCredentialsRequest());

        await _team.Operator.ChangeMemberRoleAsync(new ChangeMemberRoleRequest { TenantId = tenant.Id, MemberId = member.MemberId, Role = MemberRole.Agent });

        await RpcAssert.Fails(StatusCode.Unauthenticated, () => caller.Tenants.ListCredentialsAsync(new ListCredentialsRequest()).ResponseAsync);
        var refused = await TokenRequests.Request(app, caller.ClientId, caller.Secret, "audit.read");
        Assert.Equal("invalid_scope", refused.Error);
        var (status, token, _) = await TokenRequests.Request(app, caller.ClientId, caller.Secret);
        Assert.Equal(HttpStatusCode.OK, status);
        var raw = new TenantService.TenantServiceClient(app.RawChannel());
        var bearer = new Metadata { { "authorization", $"Bearer {token}" } };
        await raw.GetTenantAsync(new GetTenantRequest(), bearer);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => raw.ListCredentialsAsync(new ListCredentialsRequest(), bearer).ResponseAsync);
    }

    [Fact]
    public async Task A_member_credential_asking_for_a_scope_its_role_lacks_is_refused_at_the_token_endpoint()
    {
        var tenant = await _team.Tenant("Toko Lingkup");
        var agent = await _team.MemberCaller(tenant.Id, MemberRole.Agent);

        var (status, token, error) = await TokenRequests.Request(app, agent.ClientId, agent.Secret, "tenant.read audit.read");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(token);
        Assert.Equal("invalid_scope", error);
        await RpcAssert.InvalidArgument(() => _team.Operator.CreateCredentialAsync(new CreateCredentialRequest
        {
            TenantId = tenant.Id,
            Kind = CredentialKind.Member,
            MemberId = agent.MemberId,
            Scopes = { "tenant.read", "everything" },
            DisplayName = "x",
        }).ResponseAsync);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "SCOPE_EXCEEDS_ROLE", () => _team.Operator.CreateCredentialAsync(new CreateCredentialRequest
        {
            TenantId = tenant.Id,
            Kind = CredentialKind.Member,
            MemberId = agent.MemberId,
            Scopes = { "audit.read" },
            DisplayName = "x",
        }).ResponseAsync);
    }

    [Fact]
    public async Task Rotating_a_secret_retires_the_old_one()
    {
        var tenant = await _team.Tenant("Toko Rotasi");
        var owner = await _team.MemberCaller(tenant.Id, MemberRole.Owner);
        var partner = await owner.Tenants.CreateCredentialAsync(new CreateCredentialRequest { Kind = CredentialKind.Application, Scopes = { "tenant.read" }, DisplayName = "CRM" });

        var rotated = await owner.Tenants.RotateCredentialSecretAsync(new RotateCredentialSecretRequest { ClientId = partner.Credential.ClientId });

        Assert.NotEqual(partner.ClientSecret, rotated.ClientSecret);
        Assert.Equal("invalid_client", (await TokenRequests.Request(app, partner.Credential.ClientId, partner.ClientSecret)).Error);
        Assert.Equal(HttpStatusCode.OK, (await TokenRequests.Request(app, partner.Credential.ClientId, rotated.ClientSecret)).Status);
    }

    [Fact]
    public async Task A_caller_cannot_grant_scopes_it_does_not_hold()
    {
        var tenant = await _team.Tenant("Toko Batas");
        var admin = await _team.MemberCaller(tenant.Id, MemberRole.Admin);

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.CreateCredentialAsync(new CreateCredentialRequest
        {
            Kind = CredentialKind.Application,
            Scopes = { "audit.read" },
            DisplayName = "spy",
        }).ResponseAsync);
        Assert.DoesNotContain(
            (await admin.Tenants.ListCredentialsAsync(new ListCredentialsRequest())).Credentials,
            c => c.DisplayName == "spy");
    }

    [Fact]
    public async Task Credentials_are_listed_without_secrets()
    {
        var tenant = await _team.Tenant("Toko Daftar");
        var owner = await _team.MemberCaller(tenant.Id, MemberRole.Owner);

        var listed = await owner.Tenants.ListCredentialsAsync(new ListCredentialsRequest());

        var credential = Assert.Single(listed.Credentials);
        Assert.Equal(owner.ClientId, credential.ClientId);
        Assert.Equal(CredentialKind.Member, credential.Kind);
        Assert.Equal(9, credential.Scopes.Count);
        Assert.DoesNotContain(owner.Secret, listed.ToString(), StringComparison.Ordinal);
    }

}
