using Marten;
using Npgsql;
using PesanAI.Application.Media;
using PesanAI.Infrastructure.Persistence;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// The fetches still to do, as one table of ids (no personal data: the media's description is the tenant's
/// <see cref="MediaItem"/>). A row is added in the same transaction as the pending item and removed in the same
/// transaction as the stored (or given-up) one, so a crash anywhere leaves the fetch listed exactly while it is not done.
/// Who works on a row is decided by a lease per media id, not by the row.
/// </summary>
public sealed class PostgresMediaFetchQueue(IDocumentStore store) : IMediaFetchQueue
{
    public const string TableName = "media_fetches";
    public const string QualifiedName = MartenSetup.Schema + "." + TableName;

    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("media_id").AsPrimaryKey();
        table.AddColumn<Guid>("tenant_id").NotNull();
        table.AddColumn<DateTimeOffset>("due_at").NotNull();
        table.AddColumn<int>("attempts").NotNull().DefaultValueByExpression("0");
        table.AddColumn<string>("last_failure");
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_due_at") { Columns = ["due_at"] });
        return table;
    }

    public void Schedule(IDocumentOperations session, Guid tenantId, Guid mediaId, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.QueueSqlCommand(
            $"insert into {QualifiedName} (media_id, tenant_id, due_at) values (?, ?, ?) on conflict (media_id) do nothing",
            mediaId, tenantId, dueAt);
    }

    public void Complete(IDocumentOperations session, Guid mediaId)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.QueueSqlCommand($"delete from {QualifiedName} where media_id = ?", mediaId);
    }

    public async Task RetryAsync(Guid mediaId, DateTimeOffset dueAt, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"update {QualifiedName} set due_at = $2, attempts = attempts + 1, last_failure = $3 where media_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = mediaId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = dueAt });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MediaFetchJob>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select tenant_id, media_id, attempts from {QualifiedName} where due_at <= clock_timestamp() order by due_at limit $1", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var jobs = new List<MediaFetchJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new MediaFetchJob(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2)));
        }

        return jobs;
    }
}
