using System.Diagnostics.Metrics;

namespace PesanAI.Bench;

/// <summary>Database operations (round trips) and the time spent in them, over a phase.</summary>
internal sealed record DatabaseUse(long Operations, double Seconds, long Failed);

/// <summary>
/// Listens to Npgsql's own metrics (db.client.operation.*) in this process, where the server runs too, and
/// sums them per database: how many round trips a POST costs and how long it waits for PostgreSQL.
/// </summary>
internal sealed class DatabaseCalls : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _database;
    private long _operations;
    private long _microseconds;
    private long _failed;

    public DatabaseCalls(string database)
    {
        _database = database;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.operation.duration" or "db.client.operation.failed")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (IsOurs(tags))
            {
                Interlocked.Increment(ref _operations);
                Interlocked.Add(ref _microseconds, (long)(seconds * 1_000_000));
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, count, tags, _) =>
        {
            if (IsOurs(tags))
            {
                Interlocked.Add(ref _failed, count);
            }
        });
        _listener.Start();
    }

    public DatabaseUse Snapshot() =>
        new(Interlocked.Read(ref _operations), Interlocked.Read(ref _microseconds) / 1_000_000.0, Interlocked.Read(ref _failed));

    public void Dispose() => _listener.Dispose();

    /// <summary>The pool name (the data source's name: its connection string without the password) names the database.</summary>
    private bool IsOurs(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "db.client.connection.pool.name" && tag.Value is string pool && pool.Contains(_database, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
