using Marten;
using Npgsql;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>Plain connections to the event store's database, for the few ports that speak SQL outside a Marten session.</summary>
internal static class StoreConnections
{
    /// <summary>An open connection from the store's data source (its pool and settings); disposed if opening fails.</summary>
    public static async Task<NpgsqlConnection> OpenConnectionAsync(this IDocumentStore store, CancellationToken cancellationToken)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
