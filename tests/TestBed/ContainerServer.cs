using Testcontainers.PostgreSql;

namespace PesanAI.TestBed;

/// <summary>A PostgreSQL container for the whole test process (Testcontainers' reaper is the backstop).</summary>
internal static class ContainerServer
{
    private const string Image = "postgres:17-alpine";

    public static async Task<string> StartAsync()
    {
        var container = new PostgreSqlBuilder(Image)
            .WithCommand("-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "max_connections=300",
                "-c", "log_error_verbosity=terse", "-c", "log_min_error_statement=panic", "-c", "log_parameter_max_length=0", "-c", "log_parameter_max_length_on_error=0")
            .Build();
        await container.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return container.GetConnectionString();
    }
}
