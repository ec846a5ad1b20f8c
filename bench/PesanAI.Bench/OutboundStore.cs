using Npgsql;

namespace PesanAI.Bench;

/// <summary>
/// What the server's database holds of outbound messages, read with the admin role (row-level security hides
/// nothing): the message records by send state, and the message_queued / message_accepted events.
/// </summary>
internal sealed record OutboundStore(
    IReadOnlyDictionary<Guid, string> States,
    long QueuedEvents,
    long QueuedMessages,
    long AcceptedEvents,
    long AcceptedMessages)
{
    public static async Task<OutboundStore> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var states = new Dictionary<Guid, string>();
        await using (var command = new NpgsqlCommand(
            "select id, data ->> 'sendState' from pesanai.mt_doc_messagerecord where data ->> 'direction' = 'Outbound'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                states[Guid.Parse(reader.GetString(0))] = reader.IsDBNull(1) ? "?" : reader.GetString(1);
            }
        }

        var (queued, queuedMessages) = await EventsAsync(connection, "message_queued");
        var (accepted, acceptedMessages) = await EventsAsync(connection, "message_accepted");
        return new OutboundStore(states, queued, queuedMessages, accepted, acceptedMessages);
    }

    /// <summary>Outbound messages not settled yet: queued, attempting or deferred (one cheap count, for polling).</summary>
    public static async Task<long> UnsettledAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from pesanai.mt_doc_messagerecord where data ->> 'direction' = 'Outbound' and data ->> 'sendState' in ('Queued', 'Attempting', 'Deferred')",
            connection);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>Records by send state, in the order a message moves through them.</summary>
    public string StateCounts() => string.Join(", ", States.Values.CountBy(s => s).OrderBy(s => Order(s.Key)).Select(s => $"{s.Value:N0} {s.Key}"));

    /// <summary>Every accepted call's message exactly once: one record and one message_queued event each, and nothing else.</summary>
    public bool HoldsExactly(IReadOnlyCollection<Guid> sent) =>
        States.Count == sent.Count && QueuedEvents == sent.Count && QueuedMessages == sent.Count && sent.All(States.ContainsKey);

    public override string ToString() =>
        $"{States.Count:N0} outbound message records ({StateCounts()}), {QueuedEvents:N0} message_queued events for {QueuedMessages:N0} messages, "
        + $"{AcceptedEvents:N0} message_accepted events for {AcceptedMessages:N0} messages";

    private static int Order(string state) => Array.IndexOf(["Queued", "Attempting", "Deferred", "InDoubt", "Accepted", "Failed"], state) is var i and >= 0 ? i : 99;

    private static async Task<(long Events, long Messages)> EventsAsync(NpgsqlConnection connection, string type)
    {
        await using var command = new NpgsqlCommand(
            "select count(*), count(distinct data ->> 'messageId') from pesanai.mt_events where type = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
