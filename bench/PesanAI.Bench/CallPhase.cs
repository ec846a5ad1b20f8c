using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;

namespace PesanAI.Bench;

/// <summary>One measured phase of gRPC calls: every call's latency, failures by status, CPU and database round trips.</summary>
internal sealed record CallResult(string Name, PhaseTimings Timings, IReadOnlyDictionary<StatusCode, int> Failures, CpuUse Cpu, DatabaseUse Database)
{
    public int Calls => Timings.LatenciesMs.Length;

    /// <summary>Calls answered OK within the measured time, per second (failed ones are not counted as done).</summary>
    public double PerSecond => (Calls - Timings.Failed.Count) / Timings.Elapsed.TotalSeconds;

    public LatencySummary Latency { get; } = LatencySummary.From(Timings.LatenciesMs);

    public string FailureText => Failures.Count == 0 ? "0" : string.Join(" ", Failures.Select(f => $"{f.Value}×{f.Key}"));
}

internal static class CallPhase
{
    /// <summary>A fixed number of calls over a fixed number of concurrent callers (closed loop, see <see cref="LoadRunner"/>).</summary>
    public static async Task<CallResult> MeasureAsync(string name, int count, int concurrency, Func<int, Task> call, DatabaseCalls database)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(database);
        var failures = new ConcurrentDictionary<StatusCode, int>();
        var cpu = CpuSample.Take();
        var db = database.Snapshot();
        var timings = await LoadRunner.RunAsync(count, concurrency, async i =>
        {
            try
            {
                await call(i);
                return true;
            }
            catch (RpcException ex)
            {
                failures.AddOrUpdate(ex.StatusCode, 1, (_, n) => n + 1);
                return false;
            }
        });
        var cpuUse = CpuSample.Take().Since(cpu);
        var dbAfter = database.Snapshot();
        var result = new CallResult(name, timings, new SortedDictionary<StatusCode, int>(failures), cpuUse,
            new DatabaseUse(dbAfter.Operations - db.Operations, dbAfter.Seconds - db.Seconds, dbAfter.Failed - db.Failed));
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"{name,-44} {count,7:N0} calls in {timings.Elapsed.TotalSeconds,6:0.0} s: {result.PerSecond,7:N0} calls/s, "
            + $"p50 {result.Latency.P50:0.0} ms, p99 {result.Latency.P99:0.0} ms, failed {result.FailureText}; {cpuUse}"));
        return result;
    }
}
