using Npgsql;

namespace PesanAI.TestBed;

/// <summary>CREATE and DROP DATABASE, safe when many test processes share one server.</summary>
internal static class DatabaseAdministration
{
    /// <summary>Advisory-lock key serializing CREATE DATABASE across every process on the server.</summary>
    private const long CreateLockKey = 0x5045_5341_4e41_4901; // "PESANAI" + 1

    private const int MaxAttempts = 20;

    public static async Task CreateAsync(string adminConnectionString, string databaseName)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();

        // CREATE DATABASE copies template1 and fails with 55006 "source database is being accessed
        // by other users" when another session is inside it: serialize our own creations and retry
        // if some other client is there.
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({CreateLockKey})");
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(connection, $"CREATE DATABASE \"{databaseName}\"");
                    return;
                }
                catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
                }
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({CreateLockKey})");
        }
    }

    public static async Task DropAsync(string adminConnectionString, string databaseName)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)");
    }

    /// <summary>A login role that owns the database: no superuser, no BYPASSRLS (names are generated, never quoted input).</summary>
    public static async Task CreateOwnerAsync(string adminConnectionString, string databaseName, string role, string password)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
        await ExecuteAsync(connection, $"ALTER DATABASE \"{databaseName}\" OWNER TO \"{role}\"");
    }

    public static async Task DropRoleAsync(string adminConnectionString, string role)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP ROLE IF EXISTS \"{role}\"");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
