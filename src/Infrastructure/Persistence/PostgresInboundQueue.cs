using Marten;
using Npgsql;
using NpgsqlTypes;
using PesanAI.Application.Inbound;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// The inbound queue as one PostgreSQL table: a row per verified webhook, appended with one insert (committed before
/// the 200), numbered in arrival order. A claim is a transaction that first takes a transaction-scoped advisory lock
/// (one claim at a time across every node: arrival order holds, and a second node simply waits its turn) and then
/// locks the oldest pending rows (<c>FOR UPDATE SKIP LOCKED</c>, so that even two claims could never share a row). The
/// rows are settled in the same transaction; if the process dies first, PostgreSQL rolls it back and the rows are
/// pending again for whoever claims next (running them again stores nothing twice: the ingest's keys).
/// </summary>
public sealed class PostgresInboundQueue(IDocumentStore store) : IInboundQueue
{
    public const string TableName = "inbound_webhooks";
    public const string QualifiedName = MartenSetup.Schema + "." + TableName;

    /// <summary>A claim reads bodies up to this many bytes (at least one body, whatever its size).</summary>
    public const long MaxClaimBytes = 4 * 1024 * 1024;

    private static readonly long ClaimLockKey = BitConverter.ToInt64(
        System.Security.Cryptography.SHA256.HashData("pesanai:inbound-processor"u8), 0);

    /// <summary>The table, created and kept by Marten's schema management with the others.</summary>
    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("seq").AsPrimaryKey().BigAutoIncrement();
        table.AddColumn<Guid>("id").NotNull();
        table.AddColumn<DateTimeOffset>("received_at").NotNull();
        table.AddColumn("phone_number_ids", "text[]").NotNull();
        table.AddColumn("body", "bytea").NotNull();
        table.AddColumn<int>("bytes").NotNull();
        table.AddColumn<bool>("signed_by_platform").NotNull();
        table.AddColumn("signer_numbers", "text[]").NotNull();
        table.AddColumn("signer_tenants", "uuid[]").NotNull();
        table.AddColumn<DateTimeOffset>("processed_at");
        table.AddColumn<bool>("parked").NotNull().DefaultValueByExpression("false");
        table.AddColumn<int>("attempts").NotNull().DefaultValueByExpression("0");
        table.AddColumn<DateTimeOffset>("retry_at");
        table.AddColumn<string>("last_failure");
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_id") { Columns = ["id"], IsUnique = true });
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_pending") { Columns = ["seq"], Predicate = "processed_at is null" });
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_received_at") { Columns = ["received_at"] });
        return table;
    }

    public async Task AppendAsync(RawWebhook webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"insert into {QualifiedName} (id, received_at, phone_number_ids, body, bytes, signed_by_platform, signer_numbers, signer_tenants) values ($1, $2, $3, $4, $5, $6, $7, $8)",
            connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = webhook.Id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = webhook.ReceivedAt });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. webhook.PhoneNumberIds] });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = webhook.Body, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = webhook.Body.Length });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = webhook.Signers.Platform });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. webhook.Signers.PhoneNumberIds] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. webhook.Signers.TenantIds] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IInboundClaim?> ClaimAsync(int maxWebhooks, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWebhooks, 1);
        var connection = await store.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("select pg_try_advisory_xact_lock($1)", connection, transaction))
            {
                take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ClaimLockKey });
                if (await take.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    await DisposeAsync(connection, transaction);
                    return null;
                }
            }

            var due = await DueAsync(connection, transaction, maxWebhooks, cancellationToken);
            var webhooks = due.Count == 0 ? [] : await ReadAsync(connection, transaction, due, cancellationToken);
            return new Claim(connection, transaction, webhooks);
        }
        catch
        {
            await DisposeAsync(connection, transaction);
            throw;
        }
    }

    public async Task<InboundBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select count(*), coalesce(sum(bytes), 0)::bigint, min(received_at) from {QualifiedName} where processed_at is null", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new InboundBacklog(reader.GetInt64(0), reader.GetInt64(1), await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }

    public async Task<bool> RequeueAsync(Guid rawWebhookId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"update {QualifiedName} set processed_at = null, parked = false, attempts = 0, retry_at = null, last_failure = null where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = rawWebhookId });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"delete from {QualifiedName} where processed_at is not null and received_at < $1", connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> RedactAsync(IDocumentSession session, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        // Only processed rows: a claim locks pending ones, and waiting for it while holding the customer's locks, which
        // its ingest waits for, would never end.
        var connection = (NpgsqlConnection)session.Connection!;
        await using var command = new NpgsqlCommand(
            $"select seq, body from {QualifiedName} where processed_at is not null and ({string.Join(" or ", values.Select((_, i) => $"position(${i + 1} in body) > 0"))})",
            connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = System.Text.Encoding.UTF8.GetBytes(value), NpgsqlDbType = NpgsqlDbType.Bytea });
        }

        var redacted = new List<(long Seq, byte[] Body)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (Application.Inbound.WebhookBodyRedaction.Redact(reader.GetFieldValue<byte[]>(1), values) is { } body)
                {
                    redacted.Add((reader.GetInt64(0), body));
                }
            }
        }

        foreach (var (seq, body) in redacted)
        {
            session.QueueSqlCommand($"update {QualifiedName} set body = ?, bytes = ? where seq = ? and processed_at is not null", body, body.Length, seq);
        }

        return redacted.Count;
    }

    public async Task<int> RedactAsync(IReadOnlyCollection<Guid> rawWebhookIds, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawWebhookIds);
        ArgumentNullException.ThrowIfNull(values);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        var bodies = new List<(long Seq, byte[] Body)>();
        await using (var select = new NpgsqlCommand($"select seq, body from {QualifiedName} where id = any($1) and processed_at is not null", connection))
        {
            select.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rawWebhookIds] });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (Application.Inbound.WebhookBodyRedaction.Redact(reader.GetFieldValue<byte[]>(1), values) is { } body)
                {
                    bodies.Add((reader.GetInt64(0), body));
                }
            }
        }

        foreach (var (seq, body) in bodies)
        {
            await using var update = new NpgsqlCommand($"update {QualifiedName} set body = $1, bytes = $2 where seq = $3", connection);
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = body, NpgsqlDbType = NpgsqlDbType.Bytea });
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = body.Length });
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seq });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return bodies.Count;
    }

    /// <summary>The oldest pending rows due now, locked: their numbers, up to <see cref="MaxClaimBytes"/> of body (at least one).</summary>
    private static async Task<List<long>> DueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int maxWebhooks, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select seq, bytes from {QualifiedName} where processed_at is null and (retry_at is null or retry_at <= now()) order by seq limit $1 for update skip locked",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxWebhooks });
        var due = new List<long>();
        long bytes = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bytes += reader.GetInt32(1);
            if (due.Count > 0 && bytes > MaxClaimBytes)
            {
                break;
            }

            due.Add(reader.GetInt64(0));
        }

        return due;
    }

    private static async Task<List<QueuedWebhook>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<long> due, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select id, received_at, phone_number_ids, body, signed_by_platform, signer_numbers, signer_tenants, attempts from {QualifiedName} where seq = any($1) order by seq",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. due] });
        var webhooks = new List<QueuedWebhook>(due.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var signers = new WebhookSigners(reader.GetBoolean(4), reader.GetFieldValue<string[]>(5), reader.GetFieldValue<Guid[]>(6));
            var raw = new RawWebhook(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<byte[]>(3), signers);
            webhooks.Add(new QueuedWebhook(raw, reader.GetInt32(7)));
        }

        return webhooks;
    }

    private static async ValueTask DisposeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    /// <summary>The claim's transaction; the settlements go out in one batch with the commit.</summary>
    private sealed class Claim(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<QueuedWebhook> webhooks) : IInboundClaim
    {
        private readonly List<Guid> _processed = [];
        private readonly List<Guid> _parked = [];
        private readonly List<(Guid Id, string Reason, DateTimeOffset RetryAt)> _failed = [];

        public IReadOnlyList<QueuedWebhook> Webhooks => webhooks;

        public void Processed(Guid rawWebhookId, bool parked) => (parked ? _parked : _processed).Add(rawWebhookId);

        public void Failed(Guid rawWebhookId, string reason, DateTimeOffset retryAt) => _failed.Add((rawWebhookId, reason, retryAt));

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (_processed.Count + _parked.Count > 0)
            {
                // clock_timestamp(), not now(): now() is the claim's start, before the events were stored; the time of
                // settling (after they committed) is what the lag from acknowledgement to stored event is read from.
                var settle = new NpgsqlBatchCommand($"update {QualifiedName} set processed_at = clock_timestamp(), parked = id = any($2), retry_at = null where id = any($1)");
                settle.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. _processed, .. _parked] });
                settle.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. _parked] });
                batch.BatchCommands.Add(settle);
            }

            if (_failed.Count > 0)
            {
                var fail = new NpgsqlBatchCommand(
                    $"update {QualifiedName} as w set attempts = w.attempts + 1, retry_at = f.retry_at, last_failure = f.reason " +
                    "from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as f(id, reason, retry_at) where w.id = f.id");
                fail.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. _failed.Select(f => f.Id)] });
                fail.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _failed.Select(f => f.Reason)] });
                fail.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. _failed.Select(f => f.RetryAt)] });
                batch.BatchCommands.Add(fail);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => PostgresInboundQueue.DisposeAsync(connection, transaction);
    }
}
