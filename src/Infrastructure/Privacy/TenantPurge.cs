using Marten;
using Npgsql;
using NpgsqlTypes;
using PesanAI.Application.Media;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;
using PesanAI.Infrastructure.Media;
using PesanAI.Infrastructure.Persistence;

namespace PesanAI.Infrastructure.Privacy;

/// <summary>
/// Removes every row of a tenant from every table, and its media from the media store. Each step deletes what is left,
/// so a run interrupted anywhere is completed by the next one. The tables come from the catalog (every table of the
/// event store's schema with a <c>tenant_id</c> column: Marten's events, streams and tenant documents, the media keys,
/// chunks and fetches), plus what names the tenant otherwise: its registry stream and snapshot in the default tenant,
/// phone number claims, raw and parked webhooks of its numbers, and its credentials in the identity store.
/// </summary>
public sealed class TenantPurge(IDocumentStore store, IMediaStore media, TenantMediaKeys keys)
{
    private const string Schema = MartenSetup.Schema;

    public async Task RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var id = tenantId.ToString();
        string[] phoneNumberIds;
        string[] clientIds;
        await using (var session = store.QuerySession(id))
        {
            // Through the store first: an S3 store's objects are not rows (the embedded store's chunks go below too).
            var stored = await session.Query<MediaItem>().Where(i => i.StoreKey != null).Select(i => i.StoreKey!).ToListAsync(cancellationToken);
            foreach (var key in stored)
            {
                await media.DeleteAsync(tenantId, key, cancellationToken);
            }

            var tenant = await session.LoadAsync<Tenant>(tenantId, cancellationToken);
            var claims = await session.Query<PhoneNumberClaim>().Where(c => c.TenantId == tenantId).Select(c => c.Id).ToListAsync(cancellationToken);
            phoneNumberIds = [.. (tenant?.PhoneNumbers.Select(p => p.PhoneNumberId) ?? []).Concat(claims).Distinct(StringComparer.Ordinal)];
            clientIds = [.. tenant?.Credentials.Select(c => c.ClientId) ?? []];
        }

        await using (var connection = await store.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var mentions = "%" + id + "%";

            // Row-level security shows a statement only the rows of the tenant it names.
            await ExecuteAsync(connection, transaction, $"select set_config('{RowLevelTenant.Setting}', $1, true)", cancellationToken, id);

            // The identity store: the tenant's credentials (applications), their tokens and authorizations.
            const string Applications = """select "Id" from auth."OpenIddictApplications" where "Properties" like $1 or "ClientId" = any($2)""";
            await ExecuteAsync(connection, transaction, $"""
                delete from auth."OpenIddictTokens" where "ApplicationId" in ({Applications})
                    or "Properties" like $1 or "Payload" like $1 or "Subject" like $1
                """, cancellationToken, mentions, clientIds);
            await ExecuteAsync(connection, transaction, $"""
                delete from auth."OpenIddictAuthorizations" where "ApplicationId" in ({Applications}) or "Properties" like $1 or "Subject" like $1
                """, cancellationToken, mentions, clientIds);
            await ExecuteAsync(connection, transaction, """delete from auth."OpenIddictApplications" where "Properties" like $1 or "ClientId" = any($2)""", cancellationToken, mentions, clientIds);

            // Raw webhooks signed for the tenant or addressed to its numbers, unless one also carries another tenant's
            // numbers: that one keeps its body for the other tenant (until raw-webhook retention) but loses the tenant id.
            await ExecuteAsync(connection, transaction, $"""
                delete from {PostgresInboundQueue.QualifiedName}
                where ($1 = any(signer_tenants) or phone_number_ids && $2) and phone_number_ids <@ $2
                """, cancellationToken, tenantId, phoneNumberIds);
            await ExecuteAsync(connection, transaction, $"""
                update {PostgresInboundQueue.QualifiedName} set signer_tenants = array_remove(signer_tenants, $1) where $1 = any(signer_tenants)
                """, cancellationToken, tenantId);

            // Every tenant-owned table (events before their streams).
            foreach (var table in await TenantTablesAsync(connection, transaction, cancellationToken))
            {
                await ExecuteAsync(connection, transaction, $"delete from {Schema}.{table} where tenant_id::text = $1", cancellationToken, id);
            }

            // The registry stream (a global stream: in the default tenant) and any other event naming the tenant.
            await ExecuteAsync(connection, transaction, $"delete from {Schema}.mt_events where stream_id = $1 or data::text like $2", cancellationToken, tenantId, mentions);
            await ExecuteAsync(connection, transaction, $"delete from {Schema}.mt_streams where id = $1", cancellationToken, tenantId);

            // Documents that name the tenant without being its rows: its snapshot, its numbers' claims, dead letters,
            // and webhooks parked for its numbers.
            var numberMentions = phoneNumberIds.Select(n => "%" + n + "%").ToArray();
            foreach (var table in await DocumentTablesAsync(connection, transaction, cancellationToken))
            {
                await ExecuteAsync(connection, transaction, $"delete from {Schema}.{table} where data::text like $1", cancellationToken, mentions);
                if (table == "mt_doc_parkedwebhook" && numberMentions.Length > 0)
                {
                    await ExecuteAsync(connection, transaction, $"delete from {Schema}.{table} where data::text like any($1)", cancellationToken, (object)numberMentions);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Its rows are gone with the table above; this also forgets this node's cached copy.
        await keys.DestroyAsync(tenantId, cancellationToken);
    }

    private static async Task<List<string>> TenantTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        [.. (await NamesAsync(connection, transaction, $"""
            select c.table_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema = '{Schema}' and c.column_name = 'tenant_id' and c.table_name <> '{PostgresTenantDeletions.TableName}'
            """, cancellationToken)).OrderBy(t => t switch { "mt_events" => 0, "mt_streams" => 2, _ => 1 }).ThenBy(t => t, StringComparer.Ordinal)];

    private static Task<List<string>> DocumentTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NamesAsync(connection, transaction, $"""
            select c.table_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema = '{Schema}' and c.table_name like 'mt\_doc\_%' and c.column_name = 'data'
            order by c.table_name
            """, cancellationToken);

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter is string[] texts
                ? new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
