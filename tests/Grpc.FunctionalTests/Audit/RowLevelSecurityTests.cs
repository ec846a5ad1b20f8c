extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Npgsql;

namespace PesanAI.FunctionalTests.Audit;

/// <summary>
/// Defense in depth below the API: Marten enables (and forces) PostgreSQL row-level security on conjoined
/// document tables, keyed on the app.tenant_id setting Marten puts on its sessions. Event tables have none.
/// </summary>
public sealed class RowLevelSecurityTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private const string AccessTable = "pesanai.mt_doc_dataaccessentry";
    private readonly AuditBed _bed = new(app);

    [Fact]
    public async Task In_raw_sql_a_plain_role_sees_only_the_rows_of_the_tenant_its_session_names()
    {
        var (a, b) = await TwoTenantsWithReadsAsync();
        await using var probe = await ProbeRole.CreateAsync(app.ConnectionString);
        await probe.AdminAsync($"grant select, insert on {AccessTable} to {probe.Name}");
        await using var connection = await probe.ConnectAsync();

        // No tenant named: the policy's current_setting('app.tenant_id') has nothing to read, and the query fails.
        var unset = await Assert.ThrowsAsync<PostgresException>(() => TenantsOfRowsAsync(connection, AccessTable));
        Assert.Equal(PostgresErrorCodes.UndefinedObject, unset.SqlState);

        await SetTenantAsync(connection, a);
        var asA = await TenantsOfRowsAsync(connection, AccessTable);
        await SetTenantAsync(connection, b);
        var asB = await TenantsOfRowsAsync(connection, AccessTable);
        await SetTenantAsync(connection, string.Empty);
        var asNobody = await TenantsOfRowsAsync(connection, AccessTable);

        Assert.Equal([a, a], asA);
        Assert.Equal([b], asB);
        Assert.Empty(asNobody);

        // Nor can the role write a row into another tenant while its session names tenant A.
        await SetTenantAsync(connection, a);
        var foreignWrite = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            connection,
            $"insert into {AccessTable} (tenant_id, id, data) values ('{b}', gen_random_uuid(), '{{}}')"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, foreignWrite.SqlState);

        // The server's superuser (the tests' admin connection, not the host's) bypasses row-level security.
        await using var admin = new NpgsqlConnection(app.ConnectionString);
        await admin.OpenAsync();
        await SetTenantAsync(admin, a);
        var seenByAdmin = await TenantsOfRowsAsync(admin, AccessTable);
        Assert.Contains(a, seenByAdmin);
        Assert.Contains(b, seenByAdmin);
    }

    [Fact]
    public async Task Every_document_table_with_a_tenant_id_has_row_level_security_enabled_and_forced()
    {
        await TwoTenantsWithReadsAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select c.relname, c.relrowsecurity and c.relforcerowsecurity
            from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
            where c.relnamespace = 'pesanai'::regnamespace and c.relkind = 'r' and c.relname like 'mt_doc_%'
            order by c.relname
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new Dictionary<string, bool>();
        while (await reader.ReadAsync())
        {
            tables[reader.GetString(0)] = reader.GetBoolean(1);
        }

        Assert.Contains("mt_doc_conversation", tables.Keys);
        Assert.Contains("mt_doc_messagerecord", tables.Keys);
        Assert.Empty(tables.Where(t => !t.Value).Select(t => t.Key));
    }

    [Fact]
    public async Task The_host_runs_as_the_databases_owner_without_superuser_or_bypassrls_as_in_production()
    {
        await using var connection = new NpgsqlConnection(app.HostConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select r.rolsuper, r.rolbypassrls, d.datdba = r.oid
            from pg_roles r, pg_database d where r.rolname = current_user and d.datname = current_database()
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.False(reader.GetBoolean(0), "superuser");
        Assert.False(reader.GetBoolean(1), "bypassrls");
        Assert.True(reader.GetBoolean(2), "owner of the database");
    }

    [Fact]
    public async Task Row_level_security_does_not_cover_the_event_tables_only_privileges_do()
    {
        var (a, b) = await TwoTenantsWithReadsAsync();
        await using var probe = await ProbeRole.CreateAsync(app.ConnectionString);
        await using var connection = await probe.ConnectAsync();
        await SetTenantAsync(connection, a);

        // Without a grant the role reads no event at all...
        var denied = await Assert.ThrowsAsync<PostgresException>(() => TenantsOfRowsAsync(connection, "pesanai.mt_events"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);

        // ...but with one it reads every tenant's events and streams, whatever its session names.
        await probe.AdminAsync($"grant select on pesanai.mt_events, pesanai.mt_streams to {probe.Name}");
        var events = await TenantsOfRowsAsync(connection, "pesanai.mt_events");
        var streams = await TenantsOfRowsAsync(connection, "pesanai.mt_streams");

        Assert.Contains(a, events);
        Assert.Contains(b, events);
        Assert.Contains("*DEFAULT*", events);
        Assert.Contains(b, streams);
        Assert.Equal(
            [("mt_doc_dataaccessentry", true, true), ("mt_events", false, false), ("mt_streams", false, false)],
            await RowSecurityOfAsync(connection));
    }

    private async Task<(string A, string B)> TwoTenantsWithReadsAsync()
    {
        var a = await _bed.TenantAsync("Toko RLS A");
        var b = await _bed.TenantAsync("Toko RLS B");
        await a.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        await a.Auditor.Tenants.ListMembersAsync(new ListMembersRequest());
        await b.Owner.Tenants.ListMembersAsync(new ListMembersRequest());
        return (a.Id, b.Id);
    }

    private static Task SetTenantAsync(NpgsqlConnection connection, string tenantId) =>
        ExecuteAsync(connection, $"select set_config('app.tenant_id', '{tenantId}', false)");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> TenantsOfRowsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"select tenant_id from {table} order by tenant_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tenants = new List<string>();
        while (await reader.ReadAsync())
        {
            tenants.Add(reader.GetString(0));
        }

        return tenants;
    }

    private static async Task<List<(string Table, bool Enabled, bool Forced)>> RowSecurityOfAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            select relname, relrowsecurity, relforcerowsecurity from pg_class
            where relnamespace = 'pesanai'::regnamespace and relname in ('mt_doc_dataaccessentry', 'mt_events', 'mt_streams')
            order by relname
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<(string, bool, bool)>();
        while (await reader.ReadAsync())
        {
            tables.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)));
        }

        return tables;
    }
}
