extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;

namespace PesanAI.FunctionalTests.Team;

public sealed class MemberTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TeamBuilder _team = new(app);

    [Fact]
    public async Task An_owner_manages_the_team_of_its_own_tenant_without_naming_it()
    {
        var tenant = await _team.Tenant("Toko Tim");
        var owner = await _team.MemberCaller(tenant.Id, MemberRole.Owner);

        var agent = await owner.Tenants.AddMemberAsync(new AddMemberRequest { DisplayName = "Sari", Email = "sari@toko.example", Role = MemberRole.Agent });
        var promoted = await owner.Tenants.ChangeMemberRoleAsync(new ChangeMemberRoleRequest { MemberId = agent.MemberId, Role = MemberRole.Admin });
        var team = await owner.Tenants.ListMembersAsync(new ListMembersRequest());

        Assert.Equal(MemberRole.Admin, promoted.Role);
        Assert.Equal(2, team.Members.Count);
        Assert.Contains(team.Members, m => m.Email == "sari@toko.example" && m.Role == MemberRole.Admin);
        Assert.Equal(tenant.Id, (await owner.Tenants.GetTenantAsync(new GetTenantRequest())).Id);
    }

    [Fact]
    public async Task The_last_owner_can_be_neither_removed_nor_demoted()
    {
        var tenant = await _team.Tenant("Toko Satu Pemilik");
        var owner = await _team.Member(tenant.Id, MemberRole.Owner);

        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "LAST_OWNER", () => _team.Operator.RemoveMemberAsync(
            new RemoveMemberRequest { TenantId = tenant.Id, MemberId = owner.MemberId }).ResponseAsync);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "LAST_OWNER", () => _team.Operator.ChangeMemberRoleAsync(
            new ChangeMemberRoleRequest { TenantId = tenant.Id, MemberId = owner.MemberId, Role = MemberRole.Agent }).ResponseAsync);

        var second = await _team.Member(tenant.Id, MemberRole.Owner);
        await _team.Operator.RemoveMemberAsync(new RemoveMemberRequest { TenantId = tenant.Id, MemberId = owner.MemberId });
        var team = await _team.Operator.ListMembersAsync(new ListMembersRequest { TenantId = tenant.Id });
        Assert.Equal(second.MemberId, Assert.Single(team.Members).MemberId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task An_unknown_role_is_invalid_argument(int role)
    {
        var tenant = await _team.Tenant("Toko Peran");

        var badRequest = await RpcAssert.InvalidArgument(() => _team.Operator.AddMemberAsync(new AddMemberRequest
        {
            TenantId = tenant.Id,
            DisplayName = "X",
            Email = "x@toko.example",
            Role = (MemberRole)role,
        }).ResponseAsync);

        Assert.Equal("role", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task A_duplicate_email_is_already_exists()
    {
        var tenant = await _team.Tenant("Toko Surel");
        await _team.Operator.AddMemberAsync(new AddMemberRequest { TenantId = tenant.Id, DisplayName = "A", Email = "same@toko.example", Role = MemberRole.Agent });

        await RpcAssert.WithReason(StatusCode.AlreadyExists, "MEMBER_EMAIL_TAKEN", () => _team.Operator.AddMemberAsync(
            new AddMemberRequest { TenantId = tenant.Id, DisplayName = "B", Email = "SAME@toko.example", Role = MemberRole.Agent }).ResponseAsync);
    }

    [Fact]
    public async Task Only_owners_manage_owners()
    {
        var tenant = await _team.Tenant("Toko Admin");
        var owner = await _team.Member(tenant.Id, MemberRole.Owner);
        var admin = await _team.MemberCaller(tenant.Id, MemberRole.Admin);

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.AddMemberAsync(
            new AddMemberRequest { DisplayName = "Boss", Email = "boss@toko.example", Role = MemberRole.Owner }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.ChangeMemberRoleAsync(
            new ChangeMemberRoleRequest { MemberId = admin.MemberId, Role = MemberRole.Owner }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => admin.Tenants.RemoveMemberAsync(
            new RemoveMemberRequest { MemberId = owner.MemberId }).ResponseAsync);

        var agent = await admin.Tenants.AddMemberAsync(new AddMemberRequest { DisplayName = "Agen", Email = "agen@toko.example", Role = MemberRole.Agent });
        Assert.Equal(MemberRole.Agent, agent.Role);
    }

    [Fact]
    public async Task A_tenant_caller_naming_another_tenant_gets_not_found()
    {
        var mine = await _team.Tenant("Toko Saya");
        var theirs = await _team.Tenant("Toko Mereka");
        var owner = await _team.MemberCaller(mine.Id, MemberRole.Owner);

        await RpcAssert.Fails(StatusCode.NotFound, () => owner.Tenants.ListMembersAsync(new ListMembersRequest { TenantId = theirs.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => owner.Tenants.ListMembersAsync(new ListMembersRequest { TenantId = Guid.NewGuid().ToString() }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => owner.Tenants.GetTenantAsync(new GetTenantRequest { Id = theirs.Id }).ResponseAsync);
    }
}
