using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PesanAI.Bench;

/// <summary>
/// The floor to compare with: the same messages stored by plain Npgsql into two plain tables, one event
/// row (a JSON payload like MessageReceived's) and one key row (primary key tenant + wamid) per message, in
/// one transaction per delivery (so 1 or 100 messages each, like the POSTs), one batch round trip plus the
/// commit. No HTTP, no signature, no parsing, no aggregate: what any ingest must at least pay in PostgreSQL.
/// </summary>
internal sealed class Baseline(NpgsqlDataSource dataSource, string tenantId) : IAsyncDisposable
{
    private const string InsertKey =
        "insert into bench_inbound_keys (tenant_id, wamid, conversation_id, stored_at) values ($1, $2, $3, $4)";

    private const string InsertEvent =
        "insert into bench_events (id, stream_id, tenant_id, type, data, timestamp) values ($1, $2, $3, 'message_received', $4, $5)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Baseline> CreateAsync(string connectionString, int connections, string tenantId)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(connections, 10) + 4 };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            create table bench_events (
                seq bigint generated always as identity primary key,
                id uuid not null unique,
                stream_id uuid not null,
                tenant_id text not null,
                type text not null,
                data jsonb not null,
                timestamp timestamptz not null);
            create table bench_inbound_keys (
                tenant_id text not null,
                wamid text not null,
                conversation_id uuid not null,
                stored_at timestamptz not null,
                primary key (tenant_id, wamid));
            """);
        await command.ExecuteNonQueryAsync();
        return new Baseline(dataSource, tenantId);
    }

    /// <summary>One delivery's messages in one transaction.</summary>
    public async Task<bool> StoreAsync(Delivery delivery)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var message in delivery.Messages)
        {
            var conversationId = ConversationId(message.WaId);
            var key = new NpgsqlBatchCommand(InsertKey);
            key.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            key.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message.Wamid });
            key.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = conversationId });
            key.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            batch.BatchCommands.Add(key);

            var e = new NpgsqlBatchCommand(InsertEvent);
            e.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            e.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = conversationId });
            e.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            e.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Payload(message, conversationId, now), NpgsqlDbType = NpgsqlDbType.Jsonb });
            e.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            batch.BatchCommands.Add(e);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return true;
    }

    public async Task<(long Events, long Keys)> CountAsync()
    {
        await using var command = dataSource.CreateCommand(
            "select (select count(*) from bench_events), (select count(*) from bench_inbound_keys)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private string Payload(MessageRow message, Guid conversationId, DateTimeOffset now) => JsonSerializer.Serialize(
        new
        {
            conversationId,
            wamid = message.Wamid,
            from = new { waId = message.WaId, userId = (string?)null, profileName = message.ProfileName },
            content = new { type = "text", text = message.Text },
            context = (object?)null,
            referral = (object?)null,
            sentAt = DateTimeOffset.FromUnixTimeSeconds(message.SentAtUnix),
            receivedAt = now,
            tenantId,
        },
        Json);

    private Guid ConversationId(string waId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"bench:conversation:{tenantId}:{waId}")).AsSpan(0, 16));
}
