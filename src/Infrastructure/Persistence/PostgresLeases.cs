using Marten;
using Npgsql;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Leases as PostgreSQL session-level advisory locks, each on its own connection: a process that dies loses its
/// connection and with it the lease.
/// </summary>
public sealed class PostgresLeases(IDocumentStore store) : ILeases
{
    public async Task<IAsyncDisposable?> TryTakeAsync(long key, CancellationToken cancellationToken)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (await RunAsync(connection, "pg_try_advisory_lock", key, cancellationToken))
            {
                return new Lease(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private static async Task<bool> RunAsync(NpgsqlConnection connection, string function, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {function}($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private sealed class Lease(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Explicitly: a pooled connection keeps session locks until it is reused.
                await RunAsync(connection, "pg_advisory_unlock", key, CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
