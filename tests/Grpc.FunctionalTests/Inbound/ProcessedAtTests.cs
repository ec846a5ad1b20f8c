using Npgsql;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// processed_at is what the lag from acknowledgement to stored event is read from (the benchmark, operators): it must
/// not be earlier than the events the webhook became.
/// </summary>
public sealed class ProcessedAtTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly InboundBed _bed = new(app);

    [Fact]
    public async Task A_webhook_is_marked_processed_no_earlier_than_its_events_were_stored()
    {
        var tenant = await _bed.TenantAsync();
        var wamid = InboundBed.NewWamid();
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), wamid, "kapan", DateTimeOffset.UtcNow), tenant.AppSecret);

        // mt_events.timestamp is the time of the transaction that stored the event.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            select w.processed_at >= e.timestamp
            from {InboundQueueProbe.Table} w, pesanai.mt_events e
            where position($1::bytea in w.body) > 0 and e.type = 'message_received' and e.data ->> 'wamid' = $2
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = System.Text.Encoding.UTF8.GetBytes(wamid) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = wamid });
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }
}
