extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Domain.Audit;

namespace PesanAI.FunctionalTests.Team;

public sealed class DataAccessAuditTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TeamBuilder _team = new(app);

    [Fact]
    public async Task Listing_members_records_who_read_which_members_why_and_from_where_in_the_access_stream()
    {
        var tenant = await _team.Tenant("Toko Diaudit");
        var owner = await _team.MemberCaller(tenant.Id, MemberRole.Owner);
        var agent = await _team.Member(tenant.Id, MemberRole.Agent);
        var versionBefore = (await _team.Operator.GetTenantAsync(new GetTenantRequest { Id = tenant.Id })).Version;

        var listed = await owner.Tenants.ListMembersAsync(new ListMembersRequest(), new Metadata { { "x-purpose", "monthly access review" } });

        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant.Id);
        var events = await session.Events.FetchStreamAsync(AccessStream.For(Guid.Parse(tenant.Id)));
        var access = Assert.IsType<DataAccessed>(Assert.Single(events).Data);
        Assert.Equal(owner.ClientId, access.CredentialId);
        Assert.Equal(owner.MemberId, access.MemberId);
        Assert.Equal("owner", access.Role);
        Assert.Equal("pesanai.tenants.v1.TenantService/ListMembers", access.Operation);
        Assert.Equal("member", access.ResourceType);
        Assert.Equal(listed.Members.Select(m => m.MemberId).Order(), access.ResourceIds.Order());
        Assert.Contains(agent.MemberId, access.ResourceIds);
        Assert.Equal("monthly access review", access.Purpose);
        Assert.Equal("127.0.0.1", access.ClientAddress);
        Assert.Equal(owner.ClientId, Assert.Single(events).UserName);

        // The read wrote nothing to the tenant's own stream.
        Assert.Equal(versionBefore, (await _team.Operator.GetTenantAsync(new GetTenantRequest { Id = tenant.Id })).Version);
    }

    [Fact]
    public async Task Every_read_is_recorded_also_the_operators()
    {
        var tenant = await _team.Tenant("Toko Dibaca");

        await _team.Operator.ListMembersAsync(new ListMembersRequest { TenantId = tenant.Id });
        await _team.Operator.ListMembersAsync(new ListMembersRequest { TenantId = tenant.Id });

        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant.Id);
        var events = await session.Events.FetchStreamAsync(AccessStream.For(Guid.Parse(tenant.Id)));
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(PesanAiApp.OperatorClientId, ((DataAccessed)e.Data).CredentialId));
    }
}
