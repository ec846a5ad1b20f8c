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
    private string? _ownerConnectionString;

    /// <summary>Lower-case letters, digits and underscores only, so it never needs quoting.</summary>
    public string DatabaseName { get; } = $"pesanai_test_{Guid.NewGuid():N}";

    /// <summary>Connects to this database with the server's admin role.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync; use it as a fixture.");

    /// <summary>
    /// Connects to this database as a role like the one PesanAI runs as in production (`./pesanai up`): it owns the
    /// database, is no superuser and cannot bypass row-level security. Created on first use, dropped with the database.
    /// </summary>
    public async Task<string> OwnerConnectionStringAsync()
    {
        if (_ownerConnectionString is not null)
        {
            return _ownerConnectionString;
        }

        var role = DatabaseName + "_owner";
        var password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await DatabaseAdministration.CreateOwnerAsync(_adminConnectionString ?? throw new InvalidOperationException("Not initialized."), DatabaseName, role, password);
        _ownerConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = role, Password = password }.ConnectionString;
        return _ownerConnectionString;
    }

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

        foreach (var pooled in new[] { _connectionString, _ownerConnectionString }.OfType<string>())
        {
            using var connection = new NpgsqlConnection(pooled);
            NpgsqlConnection.ClearPool(connection);
        }

        await DatabaseAdministration.DropAsync(_adminConnectionString, DatabaseName);
        if (_ownerConnectionString is not null)
        {
            await DatabaseAdministration.DropRoleAsync(_adminConnectionString, new NpgsqlConnectionStringBuilder(_ownerConnectionString).Username!);
        }
    }
}
