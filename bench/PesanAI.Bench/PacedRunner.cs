using System.Collections.Concurrent;
using System.Diagnostics;

namespace PesanAI.Bench;

/// <summary>
/// Open loop: operation i starts at i / rate seconds, whether or not the earlier ones have finished (Meta sends when
/// it has updates, not when PesanAI is ready). Each latency counts from the operation's scheduled start, so time spent
/// queued behind a slow answer is in it (no coordinated omission).
/// </summary>
internal static class PacedRunner
{
    public static async Task<PhaseTimings> RunAsync(int count, double perSecond, Func<int, Task<bool>> operation)
    {
        var latencies = new double[count];
        var failed = new ConcurrentBag<int>();
        var running = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i * Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                var ok = await operation(index);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (!ok)
                {
                    failed.Add(index);
                }
            }));
        }

        await Task.WhenAll(running);
        return new PhaseTimings(Stopwatch.GetElapsedTime(started), latencies, [.. failed.Order()]);
    }
}
