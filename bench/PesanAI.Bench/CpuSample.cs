using System.Diagnostics;
using System.Globalization;

namespace PesanAI.Bench;

/// <summary>Cores in use over a phase: this process (client and server together), PostgreSQL, the whole machine.</summary>
internal sealed record CpuUse(double BenchProcess, double Postgres, double Machine)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{BenchProcess:0.00} cores this process (senders + server), {Postgres:0.00} cores PostgreSQL, {Machine:0.00} of {Environment.ProcessorCount} cores busy in all");
}

/// <summary>CPU time so far, from /proc (Linux; zeros elsewhere), to tell where a phase's time went.</summary>
internal sealed record CpuSample(long Timestamp, TimeSpan Process, double PostgresSeconds, double MachineBusySeconds)
{
    /// <summary>USER_HZ: the unit of /proc's CPU times; 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static CpuSample Take()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSample(Stopwatch.GetTimestamp(), self.TotalProcessorTime, PostgresTicks() / TicksPerSecond, MachineBusyTicks() / TicksPerSecond);
    }

    public CpuUse Since(CpuSample start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;
        return new CpuUse(
            (Process - start.Process).TotalSeconds / seconds,
            (PostgresSeconds - start.PostgresSeconds) / seconds,
            (MachineBusySeconds - start.MachineBusySeconds) / seconds);
    }

    /// <summary>
    /// User + system time of every process named postgres, and of its ended children (the postmaster's reaped
    /// backends, such as those that served a cancel request or a connection closed after an error).
    /// </summary>
    private static long PostgresTicks()
    {
        long ticks = 0;
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _) || File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "postgres")
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return ticks;
    }

    /// <summary>All CPUs' time not idle and not waiting for I/O, from the first line of /proc/stat.</summary>
    private static long MachineBusyTicks()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return fields.Sum() - fields[3] - fields[4];
    }
}
