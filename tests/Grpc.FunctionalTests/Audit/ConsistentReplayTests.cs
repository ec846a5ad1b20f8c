extern alias client;

using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;
using Npgsql;
using PesanAI.Domain.Audit;

namespace PesanAI.FunctionalTests.Audit;

/// <summary>
/// Positions are taken from a sequence, but transactions commit in any order: a replay must never hand
/// out a later position while an earlier one may still commit, or a client resuming after it would miss it.
/// </summary>
public sealed class ConsistentReplayTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly AuditBed _bed = new(app);

    [Fact]
    public async Task A_replay_waits_for_an_append_still_open_below_the_head_and_then_returns_both_in_order()
    {
        var shop = await _bed.TenantAsync("Toko Antre");
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await using var open = await OpenAppendAsync(shop.Id);
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        var resumeAfter = open.Position - 1;

        // While the earlier append is open, the replay may not get past it: it waits, here until the deadline.
        await RpcAssert.Fails(StatusCode.DeadlineExceeded, () => AuditBed.ReplayAsync(
            shop.AuditorAudit, new ReplayEventsRequest { AfterPosition = resumeAfter }, DateTime.UtcNow.AddSeconds(1.5)));
        await open.Transaction.CommitAsync();

        var events = await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { AfterPosition = resumeAfter });
        Assert.Equal(open.Position, events[0].Position);
        Assert.Equal(open.Position + 1, events[1].Position);
        Assert.Equal(AuditBed.ListMembersOperation, ReplayEventsTests.Data(events[1]).GetProperty("operation").GetString());
    }

    [Fact]
    public async Task A_rolled_back_append_leaves_a_gap_that_does_not_stall_the_replay()
    {
        var shop = await _bed.TenantAsync("Toko Batal");
        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        long gap;
        await using (var open = await OpenAppendAsync(shop.Id))
        {
            gap = open.Position;
            await open.Transaction.RollbackAsync();
        }

        await shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest());

        var events = await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { AfterPosition = gap - 1 }, DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(gap + 1, events[0].Position);
        Assert.Equal(AuditBed.ListMembersOperation, ReplayEventsTests.Data(events[0]).GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Concurrent_reads_of_one_tenant_all_succeed_and_are_all_recorded()
    {
        var shop = await _bed.TenantAsync("Toko Ramai");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => shop.Owner.Tenants.ListMembersAsync(new ListMembersRequest()).ResponseAsync));

        var reads = await shop.AuditorAudit.ListDataAccessAsync(new ListDataAccessRequest { ResourceType = "member" });
        Assert.Equal(12, reads.DataAccesses.Count);
        var replayed = await AuditBed.ReplayAsync(shop.AuditorAudit, new ReplayEventsRequest { EventTypes = { "data_accessed" }, Actor = shop.Owner.MemberId });
        Assert.Equal(12, replayed.Count);
        Assert.Equal(reads.DataAccesses.Select(e => e.EventId).Order(), replayed.Select(e => e.EventId).Order());
    }

    /// <summary>
    /// An append left open the way Marten's quick append makes it: the stream row read, a position taken,
    /// the event inserted; not yet committed.
    /// </summary>
    private async Task<OpenAppend> OpenAppendAsync(string tenantId)
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        var stream = AccessStream.For(Guid.Parse(tenantId));
        await using var command = new NpgsqlCommand(
            """
            select version from pesanai.mt_streams where id = @stream and tenant_id = @tenant;
            insert into pesanai.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, user_name)
            values (nextval('pesanai.mt_events_sequence'), gen_random_uuid(), @stream, 1000000, '{"probe": true}', 'data_accessed', @tenant, now(), 'probe')
            returning seq_id;
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("stream", stream);
        command.Parameters.AddWithValue("tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var position = reader.GetInt64(0);
        return new OpenAppend(connection, transaction, position);
    }

    private sealed record OpenAppend(NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Position) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
