using Npgsql;

namespace PesanAI.FunctionalTests.Audit;

/// <summary>
/// A database role that is not a superuser and owns nothing, the way a reporting tool or a compromised
/// service account would connect. Roles belong to the whole server, so each has a unique name and is
/// dropped again.
/// </summary>
internal sealed class ProbeRole : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private readonly string _password = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private ProbeRole(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    public string Name { get; } = $"pesanai_rls_probe_{Guid.NewGuid():N}";

    public static async Task<ProbeRole> CreateAsync(string adminConnectionString)
    {
        var role = new ProbeRole(adminConnectionString);
        await role.AdminAsync($"create role {role.Name} login password '{role._password}' nosuperuser nobypassrls");
        await role.AdminAsync($"grant usage on schema pesanai to {role.Name}");
        return role;
    }

    /// <summary>Runs one statement as the server's admin role (in the test database).</summary>
    public async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new, unpooled session as this role: nothing set on it yet.</summary>
    public async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_adminConnectionString)
        {
            Username = Name,
            Password = _password,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await AdminAsync($"drop owned by {Name}");
        await AdminAsync($"drop role {Name}");
    }
}
