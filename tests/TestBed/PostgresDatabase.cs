using Npgsql;
using Xunit;

namespace PesanAI.TestBed;

/// <summary>
/// A fresh, uniquely named database on <see cref="PostgresServer"/> for one test class
/// (<c>IClassFixture&lt;PostgresDatabase&gt;</c>), dropped when the class is done.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? _connectionString;
    private string? _adminConnectionString;

    /// <summary>Lower-case letters, digits and underscores only, so it never needs quoting.</summary>
    public string DatabaseName { get; } = $"pesanai_test_{Guid.NewGuid():N}";

    /// <summary>Connects to this database with the server's admin role.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync; use it as a fixture.");

    public async Task InitializeAsync()
    {
        _adminConnectionString = await PostgresServer.GetAdminConnectionStringAsync();
        await DatabaseAdministration.CreateAsync(_adminConnectionString, DatabaseName);
        _connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_adminConnectionString is null)
        {
            return;
        }

        if (_connectionString is not null)
        {
            using var connection = new NpgsqlConnection(_connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await DatabaseAdministration.DropAsync(_adminConnectionString, DatabaseName);
    }
}
