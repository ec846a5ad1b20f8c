extern alias client;

using System.Text.Json;
using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Tenants.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PesanAI.Domain.Audit;

namespace PesanAI.FunctionalTests.Audit;

public sealed class ReplayEventsTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly AuditBed _bed = new(app);

    [Fact]
    public async Task An_auditor_replays_every_member_read_with_who_when_and_which_credential_on_a_freshly_started_node()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var shop = await _bed.TenantAsync("Toko Jejak Baca");
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await shop.Auditor.Tenants.ListMembersAsync(new ListMembersRequest());
        await _bed.Team.Operator.ListMembersAsync(new ListMembersRequest { TenantId = shop.Id });
        var (node, address) = await app.StartAnotherNodeAsync();
        try
        {
            var events = await AuditBed.ReplayAsync(_bed.AuditOn(address, shop.Auditor), new ReplayEventsRequest { EventTypes = { "data_accessed" } });

            var reads = events.Where(e => Data(e).GetProperty("operation").GetString() == AuditBed.ListMembersOperation).ToList();
            Assert.Equal(4, reads.Count);
            Assert.All(reads, e =>
            {
                Assert.Equal(1, e.SchemaVersion);
                Assert.Equal(AccessStream.For(Guid.Parse(shop.Id)).ToString(), e.StreamId);
                Assert.InRange(e.OccurredAt.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5));
                Assert.False(string.IsNullOrEmpty(e.Metadata.CorrelationId));
                Assert.Equal("member", Data(e).GetProperty("resourceType").GetString());
            });
            Assert.Equal([shop.Owner.MemberId, shop.Owner.MemberId, shop.Auditor.MemberId, string.Empty], reads.Select(e => e.Metadata.MemberId));
            Assert.Equal([shop.Owner.ClientId, shop.Owner.ClientId, shop.Auditor.ClientId, PesanAiApp.OperatorClientId], reads.Select(e => e.Metadata.CredentialId));
            Assert.Equal([shop.Owner.MemberId, shop.Owner.MemberId, shop.Auditor.MemberId, PesanAiApp.OperatorClientId], reads.Select(e => e.Metadata.Actor));
            Assert.Equal(["owner", "owner", "auditor"], reads.Take(3).Select(e => Data(e).GetProperty("role").GetString()));
            Assert.Equal(reads.OrderBy(e => e.Position).Select(e => e.Position), reads.Select(e => e.Position));
        }
        finally
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_replay_holds_the_registry_and_access_streams_in_global_order_and_nothing_else()
    {
        var shop = await _bed.TenantAsync("Toko Urutan");
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());

        var events = await AuditBed.ReplayAsync(shop.AuditorAudit);

        Assert.Equal("tenant_created", events[0].Type);
        Assert.Equal(shop.Id, events[0].StreamId);
        Assert.Equal(PesanAiApp.OperatorClientId, events[0].Metadata.CredentialId);
        Assert.Equal(
            ["tenant_created", "member_added", "credential_created", "member_added", "credential_created", "data_accessed", "data_accessed"],
            events.Select(e => e.Type));
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.Position < pair.Second.Position));
        Assert.All(events, e => Assert.Contains(e.StreamId, new[] { shop.Id, AccessStream.For(Guid.Parse(shop.Id)).ToString() }));
        Assert.All(events.Where(e => e.StreamId == shop.Id), e => Assert.Equal(events.IndexOf(e) + 1, e.StreamVersion));
        var replayRead = Data(events[^1]);
        Assert.Equal("pesanai.audit.v1.AuditService/ReplayEvents", replayRead.GetProperty("operation").GetString());
        Assert.Equal(AuditBed.EventStreamResource, replayRead.GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task Filters_by_type_stream_actor_and_time_return_exactly_the_matching_events()
    {
        var shop = await _bed.TenantAsync("Toko Saring");
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await shop.Owner.Tenants.AddMemberAsync(new AddMemberRequest { DisplayName = "Sari", Email = "sari@saring.example", Role = MemberRole.Agent });
        await shop.Auditor.Tenants.ListMembersAsync(new ListMembersRequest());
        var all = await AuditBed.ReplayAsync(shop.AuditorAudit);
        var last = all[^1].Position;

        // Each replay is recorded too, so later replays see more: compare up to the first replay's end.
        async Task<List<AuditEvent>> Filtered(ReplayEventsRequest request) =>
            [.. (await AuditBed.ReplayAsync(shop.AuditorAudit, request)).Where(e => e.Position <= last)];

        var memberAdded = await Filtered(new ReplayEventsRequest { EventTypes = { "member_added", "member_removed" } });
        Assert.Equal(all.Where(e => e.Type == "member_added").Select(e => e.EventId), memberAdded.Select(e => e.EventId));
        Assert.Equal(3, memberAdded.Count);

        var registry = await Filtered(new ReplayEventsRequest { StreamIds = { shop.Id } });
        Assert.Equal(all.Where(e => e.StreamId == shop.Id).Select(e => e.EventId), registry.Select(e => e.EventId));

        var byOwner = await Filtered(new ReplayEventsRequest { Actor = shop.Owner.MemberId });
        Assert.Equal(all.Where(e => e.Metadata.MemberId == shop.Owner.MemberId).Select(e => e.EventId), byOwner.Select(e => e.EventId));
        Assert.Equal(["data_accessed", "member_added"], byOwner.Select(e => e.Type));
        var byOwnersCredential = await Filtered(new ReplayEventsRequest { Actor = shop.Owner.ClientId });
        Assert.Equal(byOwner.Select(e => e.EventId), byOwnersCredential.Select(e => e.EventId));
        var byOperator = await Filtered(new ReplayEventsRequest { Actor = PesanAiApp.OperatorClientId });
        Assert.Equal(all.Where(e => e.Metadata.CredentialId == PesanAiApp.OperatorClientId).Select(e => e.EventId), byOperator.Select(e => e.EventId));
        Assert.Equal(5, byOperator.Count);

        var start = all[2].OccurredAt;
        var end = all[^2].OccurredAt;
        var window = await Filtered(new ReplayEventsRequest { StartTime = start, EndTime = end });
        Assert.Equal(
            all.Where(e => e.OccurredAt.ToDateTimeOffset() >= start.ToDateTimeOffset() && e.OccurredAt.ToDateTimeOffset() < end.ToDateTimeOffset()).Select(e => e.EventId),
            window.Select(e => e.EventId));
        Assert.NotEmpty(window);

        var combined = await Filtered(new ReplayEventsRequest { EventTypes = { "data_accessed" }, Actor = shop.Auditor.MemberId });
        Assert.Equal(all.Where(e => e.Type == "data_accessed" && e.Metadata.MemberId == shop.Auditor.MemberId).Select(e => e.EventId), combined.Select(e => e.EventId));
    }

    [Fact]
    public async Task Resuming_after_a_position_returns_exactly_the_later_events()
    {
        var shop = await _bed.TenantAsync("Toko Lanjut");
        for (var i = 0; i < 3; i++)
        {
            await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        }

        var all = await AuditBed.ReplayAsync(shop.AuditorAudit);
        var middle = all[all.Count / 2].Position;

        var resumed = await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { AfterPosition = middle });
        var firstThree = await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { MaxEvents = 3 });
        var nextThree = await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { AfterPosition = firstThree[^1].Position, MaxEvents = 3 });

        Assert.Equal(all.Where(e => e.Position > middle).Select(e => e.EventId), resumed.Take(all.Count(e => e.Position > middle)).Select(e => e.EventId));
        Assert.All(resumed, e => Assert.True(e.Position > middle));
        Assert.Equal("pesanai.audit.v1.AuditService/ReplayEvents", Data(resumed[^1]).GetProperty("operation").GetString());
        Assert.Equal(all.Take(3).Select(e => e.EventId), firstThree.Select(e => e.EventId));
        Assert.Equal(all.Skip(3).Take(3).Select(e => e.EventId), nextThree.Select(e => e.EventId));
    }

    [Fact]
    public async Task One_tenants_auditor_sees_none_of_another_tenants_events()
    {
        var shopA = await _bed.TenantAsync("Toko A");
        var shopB = await _bed.TenantAsync("Toko B");
        await shopA.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await _bed.Team.Operator.ListMembersAsync(new ListMembersRequest { TenantId = shopA.Id });
        await shopB.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        var eventsOfA = (await AuditBed.ReplayAsync(shopA.AuditorAudit)).Select(e => e.EventId).ToHashSet();

        var seenByB = await AuditBed.ReplayAsync(shopB.AuditorAudit);
        var seenByBWithAsIds = await AuditBed.ReplayAsync(
            shopB.AuditorAudit,
            new ReplayEventsRequest { StreamIds = { shopA.Id, AccessStream.For(Guid.Parse(shopA.Id)).ToString() } });

        Assert.NotEmpty(seenByB);
        Assert.All(seenByB, e => Assert.Contains(e.StreamId, new[] { shopB.Id, AccessStream.For(Guid.Parse(shopB.Id)).ToString() }));
        Assert.DoesNotContain(seenByB, e => eventsOfA.Contains(e.EventId) || e.Data.Contains(shopA.Id, StringComparison.Ordinal));
        Assert.Empty(seenByBWithAsIds);
    }

    [Fact]
    public async Task Phone_number_secrets_never_leave_the_store_even_as_ciphertext()
    {
        var shop = await _bed.TenantAsync("Toko Nomor");
        var phoneNumberId = TenantLifecycleTests.NewPhoneNumberId();
        await _bed.Team.Operator.RegisterPhoneNumberAsync(TenantLifecycleTests.Registration(shop.Id, phoneNumberId));

        var registered = Assert.Single(await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { EventTypes = { "phone_number_registered" } }));

        var data = Data(registered);
        Assert.Equal(phoneNumberId, data.GetProperty("phoneNumberId").GetString());
        Assert.Equal("+6281234567890", data.GetProperty("displayPhoneNumber").GetString());
        Assert.Equal("Sales", data.GetProperty("label").GetString());
        foreach (var secret in new[] { "protectedAccessToken", "protectedAppSecret", "verifyTokenHash" })
        {
            Assert.False(data.TryGetProperty(secret, out _), secret);
            Assert.Contains(secret, await StoredDataOf(registered.EventId), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_owners_and_auditors_of_a_tenant_read_its_audit()
    {
        var shop = await _bed.TenantAsync("Toko Tertutup");
        var agent = await _bed.Team.MemberCaller(shop.Id, MemberRole.Agent);
        var admin = await _bed.Team.MemberCaller(shop.Id, MemberRole.Admin);
        var partner = await _bed.Team.ApplicationCaller(shop.Id, "tenant.read", "tenant.manage");
        var auditingApp = await _bed.Team.ApplicationCaller(shop.Id, "audit.read");

        foreach (var denied in new[] { agent.Channel, admin.Channel, partner.Channel, app.OperatorChannel() })
        {
            var audit = new AuditService.AuditServiceClient(denied);
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => AuditBed.ReplayAsync(audit));
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => audit.ListDataAccessAsync(new ListDataAccessRequest()).ResponseAsync);
        }

        await RpcAssert.Fails(StatusCode.Unauthenticated, () => AuditBed.ReplayAsync(new AuditService.AuditServiceClient(app.RawChannel())));
        Assert.NotEmpty(await AuditBed.ReplayAsync(new AuditService.AuditServiceClient(shop.Owner.Channel)));
        Assert.NotEmpty(await AuditBed.ReplayAsync(new AuditService.AuditServiceClient(auditingApp.Channel)));
    }

    [Fact]
    public async Task Bad_filters_are_invalid_argument_naming_the_field()
    {
        var shop = await _bed.TenantAsync("Toko Salah");
        var now = DateTimeOffset.UtcNow;

        async Task<string> BadField(ReplayEventsRequest request) =>
            Assert.Single((await RpcAssert.InvalidArgument(() => AuditBed.ReplayAsync(shop.AuditorAudit, request))).FieldViolations).Field;

        Assert.Equal("after_position", await BadField(new ReplayEventsRequest { AfterPosition = -1 }));
        Assert.Equal("stream_ids", await BadField(new ReplayEventsRequest { StreamIds = { "not-a-uuid" } }));
        Assert.Equal("event_types", await BadField(new ReplayEventsRequest { EventTypes = { "Member Added" } }));
        Assert.Equal("end_time", await BadField(new ReplayEventsRequest { StartTime = Timestamp.FromDateTimeOffset(now), EndTime = Timestamp.FromDateTimeOffset(now.AddHours(-1)) }));
        Assert.Equal("max_events", await BadField(new ReplayEventsRequest { MaxEvents = -5 }));
        Assert.Equal("start_time", await BadField(new ReplayEventsRequest { StartTime = new Timestamp { Seconds = long.MaxValue } }));
    }

    internal static JsonElement Data(AuditEvent recorded) => JsonDocument.Parse(recorded.Data).RootElement;

    private async Task<string> StoredDataOf(string eventId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select data::text from pesanai.mt_events where id = @id", connection);
        command.Parameters.AddWithValue("id", Guid.Parse(eventId));
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
