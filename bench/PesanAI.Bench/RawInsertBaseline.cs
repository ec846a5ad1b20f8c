using Npgsql;
using NpgsqlTypes;

namespace PesanAI.Bench;

/// <summary>
/// The floor of an acknowledgement: the same webhook bodies inserted by plain Npgsql into a table of the same shape
/// and indexes as pesanai.inbound_webhooks, one insert per body on a pooled connection, autocommit. No HTTP, no
/// signature, no parsing: what a durable acknowledgement must at least pay in PostgreSQL.
/// </summary>
internal sealed class RawInsertBaseline(NpgsqlDataSource dataSource, string phoneNumberId, Guid tenantId) : IAsyncDisposable
{
    private const string Insert =
        "insert into bench_inbound_webhooks (id, received_at, phone_number_ids, body, bytes, signed_by_platform, signer_numbers, signer_tenants) "
        + "values ($1, $2, $3, $4, $5, $6, $7, $8)";

    public static async Task<RawInsertBaseline> CreateAsync(string connectionString, int connections, string phoneNumberId)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(connections, 10) + 4 };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            create table bench_inbound_webhooks (
                seq bigserial primary key,
                id uuid not null,
                received_at timestamptz not null,
                phone_number_ids text[] not null,
                body bytea not null,
                bytes int not null,
                signed_by_platform boolean not null,
                signer_numbers text[] not null,
                signer_tenants uuid[] not null,
                processed_at timestamptz,
                parked boolean not null default false,
                attempts int not null default 0,
                retry_at timestamptz,
                last_failure varchar);
            create unique index ix_bench_inbound_webhooks_id on bench_inbound_webhooks (id);
            create index ix_bench_inbound_webhooks_pending on bench_inbound_webhooks (seq) where processed_at is null;
            create index ix_bench_inbound_webhooks_received_at on bench_inbound_webhooks (received_at);
            """);
        await command.ExecuteNonQueryAsync();
        return new RawInsertBaseline(dataSource, phoneNumberId, Guid.CreateVersion7());
    }

    /// <summary>One delivery's body, one insert.</summary>
    public async Task<bool> InsertAsync(Delivery delivery)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(Insert, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UtcNow });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [phoneNumberId] });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = delivery.Body, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = delivery.Body.Length });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = false });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [phoneNumberId] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [tenantId] });
        await command.ExecuteNonQueryAsync();
        return true;
    }

    public async Task<long> CountAsync()
    {
        await using var command = dataSource.CreateCommand("select count(*) from bench_inbound_webhooks");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
