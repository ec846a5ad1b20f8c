using System.Collections.Concurrent;
using System.Diagnostics;

namespace PesanAI.Bench;

/// <summary>What a phase took: wall time, and each operation's latency (ms) and outcome, by index.</summary>
internal sealed record PhaseTimings(TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyList<int> Failed);

/// <summary>
/// A fixed number of operations over a fixed number of concurrent workers, each taking the next index
/// as soon as its previous operation finished (closed loop): no pacing, no queueing outside the system measured.
/// </summary>
internal static class LoadRunner
{
    public static async Task<PhaseTimings> RunAsync(int count, int concurrency, Func<int, Task<bool>> operation)
    {
        var latencies = new double[count];
        var failed = new ConcurrentBag<int>();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Min(concurrency, Math.Max(count, 1))).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!ok)
                {
                    failed.Add(i);
                }
            }
        }));
        await Task.WhenAll(workers);
        return new PhaseTimings(Stopwatch.GetElapsedTime(started), latencies, [.. failed.Order()]);
    }
}

/// <summary>Percentiles by nearest rank over the sorted latencies.</summary>
internal sealed record LatencySummary(double P50, double P99, double Max)
{
    public static LatencySummary From(double[] latenciesMs)
    {
        ArgumentNullException.ThrowIfNull(latenciesMs);
        if (latenciesMs.Length == 0)
        {
            return new LatencySummary(0, 0, 0);
        }

        var sorted = (double[])latenciesMs.Clone();
        Array.Sort(sorted);
        return new LatencySummary(Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
