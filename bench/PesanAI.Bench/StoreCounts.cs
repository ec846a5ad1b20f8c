using Npgsql;

namespace PesanAI.Bench;

/// <summary>What the server's database holds: read with the admin role, so row-level security hides nothing.</summary>
internal sealed record StoreCounts(long MessageKeys, long MessageRecords, long MessageReceivedEvents, long Conversations, long RawWebhooks)
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
                   (select count(*) from pesanai.mt_doc_rawwebhook)
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>Every message exactly once: as a key row, a message record and a MessageReceived event.</summary>
    public bool HoldsExactly(long messages) => MessageKeys == messages && MessageRecords == messages && MessageReceivedEvents == messages;

    public override string ToString() =>
        $"{MessageKeys} message keys, {MessageRecords} message records, {MessageReceivedEvents} message_received events, "
        + $"{Conversations} conversations, {RawWebhooks} raw webhook bodies";
}
