using System.Net;
using System.Net.Sockets;

namespace PesanAI.TestBed;

/// <summary>
/// A throwaway cluster from the local PostgreSQL binaries: a fresh folder under /tmp, trust
/// authentication for loopback only, durability off for speed. <see cref="ClusterWatchdog"/>
/// stops and deletes it when the process ends.
/// </summary>
internal sealed class LocalCluster
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly PostgresBinaries _binaries;
    private readonly string _root;

    private LocalCluster(PostgresBinaries binaries, string root)
    {
        _binaries = binaries;
        _root = root;
    }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>In the data folder, as in the clusters <c>./pesanai</c> creates: a superuser reads it with <c>pg_read_file('server.log')</c>.</summary>
    private string LogFile => Path.Combine(DataDirectory, "server.log");

    public static async Task<string> StartAsync(PostgresBinaries binaries)
    {
        // mktemp as the server user: the folder is then theirs, 0700, and reachable (/tmp is 1777).
        var created = await ServerUser.RunAsync(CommandTimeout, "mktemp", "-d", "/tmp/pesanai-test-pg.XXXXXX");
        if (created.ExitCode != 0)
        {
            throw new PostgresUnavailableException("Could not create a folder for the test cluster: " + created.Output);
        }

        var cluster = new LocalCluster(binaries, created.Output.Trim());
        try
        {
            await cluster.InitializeAsync();
            var port = await cluster.StartServerAsync();
            ClusterWatchdog.Start(cluster._root, ServerUser.Command(binaries.PgCtl, cluster.StopArguments()));
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        }
        catch
        {
            cluster.StopAndDelete();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        var initialized = await ServerUser.RunAsync(
            CommandTimeout, _binaries.InitDb, "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
        if (initialized.ExitCode != 0)
        {
            throw new PostgresUnavailableException("initdb failed:\n" + initialized.Output);
        }

        // Written as the caller (root may write a postgres-owned file; ownership does not change).
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # pesanai test cluster
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{DataDirectory}'
            fsync = off
            full_page_writes = off
            synchronous_commit = off
            max_connections = 300

            # no personal data in the server log (README: PostgreSQL in production)
            log_error_verbosity = terse
            log_min_error_statement = panic
            log_parameter_max_length = 0
            log_parameter_max_length_on_error = 0

            """);
    }

    /// <summary>Starts on a free port; another process may take the port first, so retry a few times.</summary>
    private async Task<int> StartServerAsync()
    {
        ProcessResult? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreeLoopbackPort();
            last = await ServerUser.RunAsync(
                CommandTimeout, _binaries.PgCtl, "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {port}", "start");
            if (last.ExitCode == 0)
            {
                return port;
            }
        }

        var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no server log)";
        throw new PostgresUnavailableException($"pg_ctl start failed:\n{last?.Output}\n{log}");
    }

    private string[] StopArguments() => ["-D", DataDirectory, "-m", "immediate", "-w", "stop"];

    /// <summary>Cleans up after a failed start, before the watchdog exists.</summary>
    private void StopAndDelete()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var command = ServerUser.Command(_binaries.PgCtl, StopArguments());
            ProcessRunner.Run(command[0], command.Skip(1), CommandTimeout);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: the failure that brought us here is the one to report.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
