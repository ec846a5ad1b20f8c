using System.Globalization;

namespace PesanAI.Bench;

/// <summary>A process's resident memory from /proc/&lt;pid&gt;/status (Linux): VmRSS now, VmHWM its peak so far (MiB).</summary>
internal sealed record MemoryReading(double RssMiB, double HwmMiB)
{
    public static MemoryReading Of(int pid)
    {
        double rss = 0, hwm = 0;
        var path = $"/proc/{pid}/status";
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kib(line);
                }
            }
        }

        return new MemoryReading(rss, hwm);
    }

    /// <summary>
    /// Resets VmHWM to the current RSS (writing 5 to /proc/&lt;pid&gt;/clear_refs, Linux 4.0+), so that the next
    /// phase's VmHWM is its own peak and not the whole life's; false where the kernel or the sandbox refuses.
    /// </summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double Kib(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

/// <summary>What a phase did to a process's memory: RSS before, sampled peak and mean, VmHWM before and after (MiB).</summary>
internal sealed record MemoryUse(MemoryReading Before, double PeakRssMiB, double MeanRssMiB, MemoryReading After, int Samples, bool PeakReset)
{
    public double Growth => Math.Max(PeakRssMiB, PeakReset ? After.HwmMiB : 0) - Before.RssMiB;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RSS before {Before.RssMiB:0} MiB, sampled peak {PeakRssMiB:0} / mean {MeanRssMiB:0} MiB ({Samples} samples), after {After.RssMiB:0} MiB; "
        + $"VmHWM {Before.HwmMiB:0} → {After.HwmMiB:0} MiB{(PeakReset ? " (reset to RSS at the start)" : " (lifetime peak: not reset)")}");
}

/// <summary>Samples a process's VmRSS every <see cref="Interval"/> while a phase runs (a background loop, stopped by <see cref="StopAsync"/>).</summary>
internal sealed class MemorySampler
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly int _pid;
    private readonly MemoryReading _before;
    private readonly bool _reset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double _peak;
    private double _sum;
    private int _samples;

    private MemorySampler(int pid)
    {
        _pid = pid;
        _reset = MemoryReading.ResetPeak(pid);
        _before = MemoryReading.Of(pid);
        _loop = Task.Run(LoopAsync);
    }

    public static MemorySampler Start(int pid) => new(pid);

    public async Task<MemoryUse> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        Sample();
        return new MemoryUse(_before, _peak, _samples == 0 ? 0 : _sum / _samples, MemoryReading.Of(_pid), _samples, _reset);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Sample()
    {
        var rss = MemoryReading.Of(_pid).RssMiB;
        _peak = Math.Max(_peak, rss);
        _sum += rss;
        _samples++;
    }
}
