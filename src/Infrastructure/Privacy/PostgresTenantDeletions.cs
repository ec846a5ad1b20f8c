using Marten;
using Npgsql;
using PesanAI.Application.Privacy;
using PesanAI.Domain.Tenants;
using PesanAI.Infrastructure.Persistence;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PesanAI.Infrastructure.Privacy;

/// <summary>
/// The ledger of tenant deletions: one row per tenant, keyed by a hash of its id (<see cref="ITenantDeletions.KeyOf"/>).
/// While the deletion is pending the row holds the id (<c>pending_tenant_id</c>) for the job; on completion the id, the
/// requester and the reason are cleared, so no row names the tenant any more, yet the operator can still ask.
/// </summary>
public sealed class PostgresTenantDeletions(IDocumentStore store) : ITenantDeletions
{
    public const string TableName = "tenant_deletions";
    public const string QualifiedName = MartenSetup.Schema + "." + TableName;

    private const string Scheduled = "scheduled";
    private const string Cancelled = "cancelled";
    private const string Running = "running";
    private const string Completed = "completed";

    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<Guid>("pending_tenant_id");
        table.AddColumn<string>("state").NotNull();
        table.AddColumn<DateTimeOffset>("requested_at").NotNull();
        table.AddColumn<DateTimeOffset>("delete_after").NotNull();
        table.AddColumn<string>("requested_by");
        table.AddColumn<string>("reason");
        table.AddColumn<DateTimeOffset>("completed_at");
        table.AddColumn<int>("passes").NotNull().DefaultValueByExpression("0");
        table.AddColumn<DateTimeOffset>("sweep_after");
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_due") { Columns = ["delete_after"] });
        return table;
    }

    public void Schedule(IDocumentOperations session, TenantDeletionRequested requested)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(requested);
        session.QueueSqlCommand(
            $"""
            insert into {QualifiedName} as d (key, pending_tenant_id, state, requested_at, delete_after, requested_by, reason)
            values (?, ?, '{Scheduled}', ?, ?, ?, nullif(?, ''))
            on conflict (key) do update set pending_tenant_id = excluded.pending_tenant_id, state = excluded.state,
                requested_at = excluded.requested_at, delete_after = excluded.delete_after, requested_by = excluded.requested_by,
                reason = excluded.reason, completed_at = null, passes = 0, sweep_after = null
            where d.state in ('{Scheduled}', '{Cancelled}')
            """,
            ITenantDeletions.KeyOf(requested.TenantId),
            requested.TenantId,
            requested.RequestedAt,
            requested.DeleteAfter,
            requested.RequestedBy,
            requested.Reason ?? string.Empty);
    }

    public void Cancel(IDocumentOperations session, Guid tenantId, DateTimeOffset cancelledAt)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.QueueSqlCommand($"update {QualifiedName} set state = '{Cancelled}' where key = ? and state = '{Scheduled}'", ITenantDeletions.KeyOf(tenantId));
    }

    public async Task<TenantDeletionRecord?> FindAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            $"select state, requested_at, delete_after, requested_by, reason from {QualifiedName} where key = $1", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ITenantDeletions.KeyOf(tenantId) });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new TenantDeletionRecord(
            tenantId,
            StateOf(reader.GetString(0)),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    /// <summary>
    /// The deletions due at <paramref name="now"/>: scheduled ones past their grace period, running ones past their
    /// sweep (or interrupted by a crash), each with the passes already made.
    /// </summary>
    public async Task<IReadOnlyList<(Guid TenantId, int Passes)>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            $"""
            select pending_tenant_id, passes from {QualifiedName}
            where (state = '{Scheduled}' and delete_after <= $1) or (state = '{Running}' and coalesce(sweep_after, delete_after) <= $1)
            order by delete_after
            """,
            connection);
        select.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var due = new List<(Guid, int)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }

        return due;
    }

    /// <summary>Records a completed pass; the next one runs at <paramref name="sweepAfter"/>.</summary>
    public async Task PassedAsync(Guid tenantId, DateTimeOffset sweepAfter, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var update = new NpgsqlCommand($"update {QualifiedName} set passes = passes + 1, sweep_after = $2 where key = $1", connection);
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ITenantDeletions.KeyOf(tenantId) });
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sweepAfter });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the deletion running (no longer cancellable); false when it was cancelled meanwhile.</summary>
    public async Task<bool> StartAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var update = new NpgsqlCommand(
            $"update {QualifiedName} set state = '{Running}' where key = $1 and state in ('{Scheduled}', '{Running}')", connection);
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ITenantDeletions.KeyOf(tenantId) });
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Keeps only the key, the state and the times.</summary>
    public async Task CompleteAsync(Guid tenantId, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var update = new NpgsqlCommand(
            $"""
            update {QualifiedName} set state = '{Completed}', pending_tenant_id = null, requested_by = null, reason = null, completed_at = $2, sweep_after = null
            where key = $1
            """,
            connection);
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ITenantDeletions.KeyOf(tenantId) });
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = completedAt });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static TenantDeletionState StateOf(string state) => state switch
    {
        Scheduled => TenantDeletionState.Scheduled,
        Cancelled => TenantDeletionState.Cancelled,
        Running => TenantDeletionState.Running,
        _ => TenantDeletionState.Completed,
    };
}
