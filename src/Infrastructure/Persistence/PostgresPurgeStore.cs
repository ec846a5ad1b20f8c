using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using PesanAI.Application.Privacy;
using PesanAI.Domain.Audit;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Retention's changes to storage as SQL over the stored JSON (ADR 017): the message records decide what is past its
/// period, and the same transaction rewrites them and the events they were projected from (MessageReceived,
/// MessageQueued), so a projection rebuild gives the same content-less records. Each statement names the tenant for
/// row-level security (<see cref="RowLevelTenant"/>) and in its conditions.
/// </summary>
public sealed class PostgresPurgeStore(IDocumentStore store) : IPurgeStore
{
    private const string Records = MartenSetup.Schema + ".mt_doc_messagerecord";
    private const string MediaItems = MartenSetup.Schema + ".mt_doc_mediaitem";
    private const string AccessEntries = MartenSetup.Schema + ".mt_doc_dataaccessentry";
    private const string Events = MartenSetup.Schema + ".mt_events";
    private const string Suggestions = MartenSetup.Schema + ".mt_doc_knowledgesuggestion";

    private readonly string _received = EventName(store, typeof(MessageReceived));
    private readonly string _queued = EventName(store, typeof(MessageQueued));
    private readonly string _aiReplied = EventName(store, typeof(AiReplied));
    private readonly string _aiHandedOff = EventName(store, typeof(AiHandedOff));
    private readonly string _accessed = EventName(store, typeof(DataAccessed));
    private readonly string _suggested = EventName(store, typeof(Domain.Knowledge.KnowledgeEntrySuggested));

    public async Task<int> StripMessageContentAsync(Guid tenantId, DateTimeOffset before, bool aiOnly, CancellationToken cancellationToken)
    {
        // Outbound messages only once settled: a message still on its way to Meta keeps what it is to send.
        var ai = aiOnly
            ? $"and ((lower(m.data->>'direction') = 'outbound' and lower(m.data->>'origin') = 'ai') or (lower(m.data->>'direction') = 'inbound' and m.data->>'wamid' in " +
              $"(select e.data->>'triggerWamid' from {Events} e where e.tenant_id = $1 and e.type in ('{_aiReplied}', '{_aiHandedOff}'))))"
            : string.Empty;
        var strip = PurgeJson.Record("m.data");
        var sql =
            $"update {Records} m set data = {strip} where m.tenant_id = $1 and (m.data->>'recordedAt')::timestamptz < $2 " +
            $"and (lower(m.data->>'direction') = 'inbound' or lower(m.data->>'sendState') in ('accepted', 'failed')) {ai} " +
            $"and m.data is distinct from {strip} " +
            "returning (m.data->>'conversationId')::uuid, lower(m.data->>'direction') = 'inbound', m.data->>'wamid', m.data->>'messageId'";

        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await UseTenantAsync(connection, transaction, tenantId, cancellationToken);
        var conversations = new HashSet<Guid>();
        var wamids = new List<string>();
        var messageIds = new List<string>();
        await using (var update = Command(connection, transaction, sql, tenantId, before))
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                conversations.Add(reader.GetGuid(0));
                if (reader.GetBoolean(1))
                {
                    wamids.Add(reader.GetString(2));
                }
                else
                {
                    messageIds.Add(reader.GetString(3));
                }
            }
        }

        if (wamids.Count > 0)
        {
            await RewriteEventsAsync(connection, transaction, tenantId, conversations, _received, "wamid", wamids, PurgeJson.ReceivedEvent("data"), cancellationToken);

            // The file's description repeats the caption and the file name the customer sent.
            await using var media = new NpgsqlCommand($"update {MediaItems} set data = data - 'caption' - 'filename' where tenant_id = $1 and data->>'wamid' = any($2)", connection, transaction);
            media.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId.ToString() });
            media.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. wamids] });
            await media.ExecuteNonQueryAsync(cancellationToken);
            await DeleteSuggestionsAsync(connection, transaction, tenantId, wamids, cancellationToken);
        }

        if (messageIds.Count > 0)
        {
            await RewriteEventsAsync(connection, transaction, tenantId, conversations, _queued, "messageId", messageIds, PurgeJson.QueuedEvent("data"), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return wamids.Count + messageIds.Count;
    }

    public async Task<int> DeleteAccessRecordsAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await UseTenantAsync(connection, transaction, tenantId, cancellationToken);
        await using (var entries = Command(connection, transaction, $"delete from {AccessEntries} where tenant_id = $1 and accessed_at < $2", tenantId, before))
        {
            await entries.ExecuteNonQueryAsync(cancellationToken);
        }

        int deleted;
        await using (var events = Command(
            connection,
            transaction,
            $"delete from {Events} where tenant_id = $1 and (data->>'accessedAt')::timestamptz < $2 and stream_id = $3 and type = '{_accessed}'",
            tenantId,
            before))
        {
            events.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = AccessStream.For(tenantId) });
            deleted = await events.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<int> DeleteWebhookBodiesAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"delete from {PostgresInboundQueue.QualifiedName} where processed_at is not null and received_at < $2 and $1 = any(signer_tenants)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Knowledge suggestions learnt from these customer messages (ADR 018) repeat their words: their streams and snapshots
    /// go with the content, whatever their state (an accepted one's entry is the business's and stays).
    /// </summary>
    private async Task DeleteSuggestionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, List<string> wamids, CancellationToken cancellationToken)
    {
        var sql = $"""
            with learnt as (
                select stream_id from {Events} where tenant_id = $1 and type = '{_suggested}' and data->>'triggerWamid' = any($2)),
            snapshots as (delete from {Suggestions} where tenant_id = $1 and id in (select stream_id from learnt)),
            events as (delete from {Events} where tenant_id = $1 and stream_id in (select stream_id from learnt))
            delete from {MartenSetup.Schema}.mt_streams where tenant_id = $1 and id in (select stream_id from learnt)
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. wamids] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RewriteEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, IReadOnlyCollection<Guid> streams, string type, string key, List<string> keys, string strip, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"update {Events} set data = {strip} where tenant_id = $1 and stream_id = any($2) and type = '{type}' and data->>'{key}' = any($3)",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. streams] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid tenantId, DateTimeOffset before)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command;
    }

    /// <summary>Names the tenant for row-level security for the rest of the transaction.</summary>
    private static async Task UseTenantAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select set_config('{RowLevelTenant.Setting}', $1, true)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string EventName(IDocumentStore store, Type type) =>
        type.GetEventTypeName(store.Options.Events.EventNamingStyle);
}
