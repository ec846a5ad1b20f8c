extern alias client;

using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Tenants.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace PesanAI.FunctionalTests.Audit;

public sealed class ListDataAccessTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly AuditBed _bed = new(app);

    [Fact]
    public async Task Lists_who_read_what_when_why_and_from_where_newest_first_with_the_events_position()
    {
        var shop = await _bed.TenantAsync("Toko Catatan");
        await shop.Auditor.Tenants.ListMembersAsync(new ListMembersRequest());
        var listed = await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest(), new Metadata { { "x-purpose", "support ticket 42" } });

        var page = await shop.AuditorAudit.ListDataAccessAsync(new ListDataAccessRequest { ResourceType = "member" });

        Assert.Equal(2, page.DataAccesses.Count);
        var newest = page.DataAccesses[0];
        Assert.Equal(shop.Owner.ClientId, newest.CredentialId);
        Assert.Equal(shop.Owner.MemberId, newest.MemberId);
        Assert.Equal(MemberRole.Owner, newest.Role);
        Assert.Equal(AuditBed.ListMembersOperation, newest.Operation);
        Assert.Equal("member", newest.ResourceType);
        Assert.Equal(listed.Members.Select(m => m.MemberId).Order(), newest.ResourceIds.Order());
        Assert.Equal("support ticket 42", newest.Purpose);
        Assert.Equal("127.0.0.1", newest.ClientAddress);
        Assert.InRange(newest.AccessTime.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(MemberRole.Auditor, page.DataAccesses[1].Role);
        Assert.Equal(string.Empty, page.DataAccesses[1].Purpose);
        Assert.True(newest.AccessTime.ToDateTimeOffset() >= page.DataAccesses[1].AccessTime.ToDateTimeOffset());
        Assert.Empty(page.NextPageToken);

        var replayed = await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { EventTypes = { "data_accessed" } });
        Assert.Equal(newest.Position, Assert.Single(replayed, e => e.EventId == newest.EventId).Position);
        Assert.True(newest.Position > page.DataAccesses[1].Position);
    }

    [Fact]
    public async Task Pages_neither_overlap_nor_skip_while_new_reads_are_recorded()
    {
        var shop = await _bed.TenantAsync("Toko Halaman");
        for (var i = 0; i < 7; i++)
        {
            await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        }

        var memberReads = await AuditBed.AllPagesAsync(shop.AuditorAudit, new ListDataAccessRequest { ResourceType = "member", PageSize = 3 });
        var everything = await AuditBed.AllPagesAsync(shop.AuditorAudit, new ListDataAccessRequest { PageSize = 2 });

        Assert.Equal([3, 3, 1], memberReads.Select(p => p.Count));
        var ids = memberReads.SelectMany(p => p).Select(e => e.EventId).ToList();
        Assert.Equal(7, ids.Distinct().Count());
        var times = memberReads.SelectMany(p => p).Select(e => e.AccessTime.ToDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        // Each page call records a read (resource "data_access") that sorts first; the walk still sees
        // every older entry exactly once.
        var walked = everything.SelectMany(p => p).Select(e => e.EventId).ToList();
        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.All(ids, id => Assert.Contains(id, walked));
        Assert.Contains(everything.SelectMany(p => p), e => e.ResourceType == "data_access");
    }

    [Fact]
    public async Task Filters_by_actor_resource_and_time()
    {
        var shop = await _bed.TenantAsync("Toko Filter");
        var agent = await _bed.Team.Member(shop.Id, MemberRole.Agent);
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await shop.Auditor.Tenants.ListMembersAsync(new ListMembersRequest());
        await _bed.Team.Operator.ListMembersAsync(new ListMembersRequest { TenantId = shop.Id });
        var all = (await shop.AuditorAudit.ListDataAccessAsync(new ListDataAccessRequest { ResourceType = "member" })).DataAccesses;
        Assert.Equal(3, all.Count);

        async Task<List<string>> Ids(ListDataAccessRequest request) =>
            [.. (await shop.AuditorAudit.ListDataAccessAsync(request)).DataAccesses.Select(e => e.EventId)];

        Assert.Equal([all[2].EventId], await Ids(new ListDataAccessRequest { Actor = shop.Owner.MemberId }));
        Assert.Equal([all[2].EventId], await Ids(new ListDataAccessRequest { Actor = shop.Owner.ClientId }));
        Assert.Equal([all[0].EventId], await Ids(new ListDataAccessRequest { Actor = PesanAiApp.OperatorClientId }));
        Assert.Equal(all.Select(e => e.EventId), await Ids(new ListDataAccessRequest { ResourceId = agent.MemberId }));
        Assert.Empty(await Ids(new ListDataAccessRequest { ResourceId = Guid.NewGuid().ToString() }));
        Assert.Equal(
            [all[1].EventId],
            await Ids(new ListDataAccessRequest { ResourceType = "member", StartTime = all[1].AccessTime, EndTime = all[0].AccessTime }));
        Assert.Equal(
            [all[0].EventId, all[1].EventId],
            await Ids(new ListDataAccessRequest { ResourceType = "member", StartTime = all[1].AccessTime }));
        Assert.Empty(await Ids(new ListDataAccessRequest { ResourceType = "conversation" }));
    }

    [Fact]
    public async Task Listing_the_access_log_is_itself_a_recorded_read()
    {
        var shop = await _bed.TenantAsync("Toko Cermin");
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        var first = await shop.AuditorAudit.ListDataAccessAsync(new ListDataAccessRequest());

        var second = await shop.AuditorAudit.ListDataAccessAsync(new ListDataAccessRequest { ResourceType = "data_access" });

        var ownRead = Assert.Single(second.DataAccesses);
        Assert.Equal("pesanai.audit.v1.AuditService/ListDataAccess", ownRead.Operation);
        Assert.Equal(shop.Auditor.MemberId, ownRead.MemberId);
        Assert.Equal(first.DataAccesses.Select(e => e.EventId), ownRead.ResourceIds);
    }

    [Fact]
    public async Task One_tenants_auditor_lists_none_of_another_tenants_reads()
    {
        var shopA = await _bed.TenantAsync("Toko Satu");
        var shopB = await _bed.TenantAsync("Toko Dua");
        await shopA.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await _bed.Team.Operator.ListMembersAsync(new ListMembersRequest { TenantId = shopA.Id });

        var seenByB = await AuditBed.AllPagesAsync(shopB.AuditorAudit, new ListDataAccessRequest());
        var byAsOwner = await shopB.AuditorAudit.ListDataAccessAsync(new ListDataAccessRequest { Actor = shopA.Owner.ClientId });

        Assert.Empty(seenByB.SelectMany(p => p));
        Assert.Empty(byAsOwner.DataAccesses);
        Assert.Equal(2, (await shopA.AuditorAudit.ListDataAccessAsync(new ListDataAccessRequest())).DataAccesses.Count);
    }

    [Fact]
    public async Task Bad_requests_are_invalid_argument_naming_the_field()
    {
        var shop = await _bed.TenantAsync("Toko Keliru");
        var now = DateTimeOffset.UtcNow;

        async Task<string> BadField(ListDataAccessRequest request) =>
            Assert.Single((await RpcAssert.InvalidArgument(() => shop.AuditorAudit.ListDataAccessAsync(request).ResponseAsync)).FieldViolations).Field;

        Assert.Equal("page_token", await BadField(new ListDataAccessRequest { PageToken = "not-ours" }));
        Assert.Equal("page_size", await BadField(new ListDataAccessRequest { PageSize = 201 }));
        Assert.Equal("end_time", await BadField(new ListDataAccessRequest { StartTime = Timestamp.FromDateTimeOffset(now), EndTime = Timestamp.FromDateTimeOffset(now) }));
    }
}
