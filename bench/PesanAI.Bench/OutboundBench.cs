using PesanAI.TestBed;

namespace PesanAI.Bench;

/// <summary>The outbound modes' common start: a fresh database, the machine described, the load before the run.</summary>
internal static class OutboundBench
{
    public static Task<bool> RunAsync(OutboundOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Preflight.WithFreshDatabaseAsync(database => RunAsync(options, database));
    }

    private static async Task<bool> RunAsync(OutboundOptions options, PostgresDatabase database)
    {
        if (options.HostNpgsql.Length > 0)
        {
            Out.Line($"server:     Npgsql settings + '{options.HostNpgsql}' (an experiment)");
        }

        await using var connections = ConnectionPeak.Start(database.ConnectionString, database.DatabaseName);
        var ok = options.Mode switch
        {
            "send" => await SendBenchmark.RunAsync(options, database),
            "dispatch" => await DispatchBenchmark.RunWithBaselineAsync(options, database),
            _ => await CrashTest.RunAsync(options, database),
        };
        Out.Line($"connections: {connections.Take()} during the run");
        return ok;
    }
}
