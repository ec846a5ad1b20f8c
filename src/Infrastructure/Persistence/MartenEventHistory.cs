using System.Runtime.CompilerServices;
using System.Text;
using JasperFx;
using Marten;
using Npgsql;
using NpgsqlTypes;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Reads a tenant's events straight from <c>mt_events</c> in <c>seq_id</c> order: the rows of the tenant's
/// slice (conjoined tenancy) plus the tenant's registry stream, which is global and so stored under
/// Marten's default tenant. Pages are read on short-lived connections, so a slow reader holds none.
/// </summary>
public sealed class MartenEventHistory(IDocumentStore store, EventRedaction redaction) : IEventHistory
{
    private const int PageSize = 500;
    private const string Events = MartenSetup.Schema + ".mt_events";

    public async IAsyncEnumerable<RecordedEvent> ReadAsync(EventHistoryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        long head;
        await using (var connection = await store.OpenConnectionAsync(cancellationToken))
        {
            head = await SettledHead.ReadAsync(connection, cancellationToken);
        }

        var after = query.AfterPosition;
        var remaining = query.MaxEvents ?? int.MaxValue;
        while (remaining > 0 && after < head)
        {
            var size = Math.Min(PageSize, remaining);
            var page = await ReadPageAsync(query, after, head, size, cancellationToken);
            foreach (var recorded in page)
            {
                yield return recorded;
            }

            if (page.Count < size)
            {
                yield break;
            }

            after = page[^1].Position;
            remaining -= page.Count;
        }
    }

    public async Task<IReadOnlyDictionary<Guid, long>> PositionsAsync(Guid tenantId, IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        var positions = new Dictionary<Guid, long>();
        if (eventIds.Count == 0)
        {
            return positions;
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select id, seq_id from {Events} where tenant_id = @tenant and id = any(@ids)", connection);
        command.Parameters.AddWithValue("tenant", tenantId.ToString());
        command.Parameters.AddWithValue("ids", eventIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return positions;
    }

    private async Task<List<RecordedEvent>> ReadPageAsync(EventHistoryQuery query, long after, long head, int size, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = BuildPageCommand(query, after, head, size);
        command.Connection = connection;
        var page = new List<RecordedEvent>(Math.Min(size, PageSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(4);
            page.Add(new RecordedEvent(
                Position: reader.GetInt64(0),
                EventId: reader.GetGuid(1),
                StreamId: reader.GetGuid(2),
                StreamVersion: reader.GetInt64(3),
                Type: type,
                Data: redaction.Apply(type, reader.GetString(5)),
                OccurredAt: reader.GetFieldValue<DateTimeOffset>(6),
                CredentialId: reader.IsDBNull(7) ? null : reader.GetString(7),
                MemberId: reader.IsDBNull(8) ? null : reader.GetString(8),
                CorrelationId: reader.IsDBNull(9) ? null : reader.GetString(9),
                CausationId: reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return page;
    }

    /// <summary>Only the filters the query uses become SQL, so PostgreSQL plans each shape on its own.</summary>
    private static NpgsqlCommand BuildPageCommand(EventHistoryQuery query, long after, long head, int size)
    {
        var sql = new StringBuilder($"""
            select seq_id, id, stream_id, version, type, data::text, timestamp, user_name,
                   headers ->> '{ActorStamp.MemberHeader}', correlation_id, causation_id
            from {Events}
            where (tenant_id = @tenant or (tenant_id = @registry_tenant and stream_id = @tenant_stream))
              and seq_id > @after and seq_id <= @head
            """);
        var command = new NpgsqlCommand();
        command.Parameters.AddWithValue("tenant", query.TenantId.ToString());
        command.Parameters.AddWithValue("registry_tenant", StorageConstants.DefaultTenantId);
        command.Parameters.AddWithValue("tenant_stream", query.TenantId);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("head", head);
        if (query.StreamIds.Count > 0)
        {
            sql.Append(" and stream_id = any(@streams)");
            command.Parameters.AddWithValue("streams", query.StreamIds.ToArray());
        }

        if (query.EventTypes.Count > 0)
        {
            sql.Append(" and type = any(@types)");
            command.Parameters.AddWithValue("types", query.EventTypes.ToArray());
        }

        if (query.Actor is { } actor)
        {
            sql.Append($" and (user_name = @actor or headers ->> '{ActorStamp.MemberHeader}' = @actor)");
            command.Parameters.AddWithValue("actor", actor);
        }

        if (query.From is { } from)
        {
            sql.Append(" and timestamp >= @from");
            command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from);
        }

        if (query.To is { } to)
        {
            sql.Append(" and timestamp < @to");
            command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, to);
        }

        sql.Append(" order by seq_id limit @size");
        command.Parameters.AddWithValue("size", size);
        command.CommandText = sql.ToString();
        return command;
    }
}
