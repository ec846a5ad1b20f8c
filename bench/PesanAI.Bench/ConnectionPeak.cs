using Npgsql;

namespace PesanAI.Bench;

/// <summary>
/// The most client connections PostgreSQL held at once (sampled every 250 ms), to the server's database and to
/// any other: the cluster's max_connections is shared with whatever else runs on the machine.
/// </summary>
internal sealed class ConnectionPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _ours;
    private int _others;

    private ConnectionPeak(string connectionString, string database) => _sampling = SampleAsync(connectionString, database, _stop.Token);

    public static ConnectionPeak Start(string connectionString, string database) => new(connectionString, database);

    /// <summary>The peaks since the last call (this sampler's own connection not counted), then reset.</summary>
    public string Take() =>
        $"PostgreSQL client connections at most {Interlocked.Exchange(ref _ours, 0)} to the server's database, {Interlocked.Exchange(ref _others, 0)} to others";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(string connectionString, string database, CancellationToken stop)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync(stop);
            await using var command = new NpgsqlCommand(
                "select count(*) filter (where datname = $1), count(*) filter (where datname is distinct from $1) - 1 from pg_stat_activity where backend_type = 'client backend'",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = database });
            while (!stop.IsCancellationRequested)
            {
                await using (var reader = await command.ExecuteReaderAsync(stop))
                {
                    await reader.ReadAsync(stop);
                    Raise(ref _ours, (int)reader.GetInt64(0));
                    Raise(ref _others, (int)reader.GetInt64(1));
                }

                await Task.Delay(250, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Done.
        }
    }

    private static void Raise(ref int peak, int value)
    {
        for (var seen = Volatile.Read(ref peak); value > seen; seen = Volatile.Read(ref peak))
        {
            if (Interlocked.CompareExchange(ref peak, value, seen) == seen)
            {
                return;
            }
        }
    }
}
