using Npgsql;

namespace PesanAI.Bench;

/// <summary>What the server's database holds: read with the admin role, so row-level security hides nothing.</summary>
internal sealed record StoreCounts(
    long MessageKeys, long MessageRecords, long MessageReceivedEvents, long Conversations, long InboundWebhooks, long Pending, long Parked)
{
    public static async Task<StoreCounts> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select (select count(*) from pesanai.mt_doc_inboundmessagekey),
                   (select count(*) from pesanai.mt_doc_messagerecord),
                   (select count(*) from pesanai.mt_events where type = 'message_received'),
                   (select count(*) from pesanai.mt_doc_conversation),
                   count(*), count(*) filter (where processed_at is null), count(*) filter (where parked)
            from pesanai.inbound_webhooks
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoreCounts(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    /// <summary>
    /// Every message exactly once (as a key row, a message record and a MessageReceived event) and every acknowledged
    /// webhook processed: none pending, none parked.
    /// </summary>
    public bool HoldsExactly(long messages) =>
        MessageKeys == messages && MessageRecords == messages && MessageReceivedEvents == messages && Pending == 0 && Parked == 0;

    public override string ToString() =>
        $"{MessageKeys} message keys, {MessageRecords} message records, {MessageReceivedEvents} message_received events, "
        + $"{Conversations} conversations; {InboundWebhooks} inbound webhooks, {Pending} pending, {Parked} parked";
}
