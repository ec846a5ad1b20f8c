namespace PesanAI.TestBed;

/// <summary>
/// The one PostgreSQL server shared by every test in this process, resolved once, on first use:
/// <c>PESANAI_TEST_POSTGRES</c> if set, else a Testcontainers container when a Docker engine answers,
/// else a throwaway cluster from the local PostgreSQL binaries. There is no fake fallback.
/// </summary>
public static class PostgresServer
{
    /// <summary>Environment variable holding an admin (superuser) connection string to use as is.</summary>
    public const string ConnectionStringVariable = "PESANAI_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(() => Task.Run(ResolveAsync));

    /// <summary>A connection string with the right to create and drop databases.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    private static async Task<string> ResolveAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (await DockerEngine.AnswersAsync(TimeSpan.FromSeconds(2)))
        {
            return await ContainerServer.StartAsync();
        }

        var binaries = PostgresBinaries.Find()
            ?? throw new PostgresUnavailableException(
                "No PostgreSQL server for the tests. Do one of: install the server binaries "
                + "(`apt-get install postgresql`), set " + ConnectionStringVariable
                + " to an admin connection string, or start a Docker engine.");
        return await LocalCluster.StartAsync(binaries);
    }
}
