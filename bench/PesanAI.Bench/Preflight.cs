using System.Globalization;
using PesanAI.TestBed;

namespace PesanAI.Bench;

/// <summary>Before a run: which PostgreSQL, and whether the machine is quiet (numbers from a busy one say little).</summary>
internal static class Preflight
{
    /// <summary>A fresh database for <paramref name="run"/>: the server picked, the machine described, its load told; dropped after.</summary>
    public static async Task<bool> WithFreshDatabaseAsync(Func<PostgresDatabase, Task<bool>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var source = UsePostgres();
        var database = new PostgresDatabase();
        try
        {
            await database.InitializeAsync();
            Out.Lines(await Machine.DescribeAsync(database.ConnectionString, source));
            await CheckQuietAsync();
            return await run(database);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>PESANAI_BENCH_POSTGRES wins; else the tests' own way to a server (tests/TestBed), as the ingest mode does.</summary>
    public static string UsePostgres()
    {
        var bench = Environment.GetEnvironmentVariable(IngestBenchmark.PostgresVariable);
        if (!string.IsNullOrWhiteSpace(bench))
        {
            Environment.SetEnvironmentVariable(PostgresServer.ConnectionStringVariable, bench);
            return IngestBenchmark.PostgresVariable;
        }

        return string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.ConnectionStringVariable))
            ? "tests/TestBed: a Docker container if an engine answers, else a throwaway local cluster"
            : PostgresServer.ConnectionStringVariable;
    }

    /// <summary>The load average (other agents may be compiling) and the cores busy over 3 s.</summary>
    public static async Task CheckQuietAsync()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        var start = CpuSample.Take();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var busy = CpuSample.Take().Since(start).Machine;
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"before:     load average {load} (1, 5, 15 min); {busy:0.00} of {Environment.ProcessorCount} cores busy over 3 s "
            + $"{(busy > 0.25 ? "(NOT quiet: other work competes)" : "(quiet)")}"));
    }
}
