using System.Globalization;

namespace PesanAI.Bench;

/// <summary>
/// Warm-up until the rate is steady, and a quiet machine before each measured phase.
/// <para>
/// The host's JIT moves hot methods to optimized, profile-guided code (tiered compilation with dynamic PGO) in the
/// background. On two cores that the load keeps busy this takes tens of thousands of requests: after 1,000 single
/// POSTs the host ran at 621 POSTs/s, after 10,000 at 859/s, after 25,000 at 968/s (2026-11-25). A fixed short
/// warm-up therefore measured the JIT, not the ingest. A service runs for days, so the measured phases start from
/// the steady state, and the warm-up windows are printed so the climb stays visible.
/// </para>
/// </summary>
internal static class WarmUp
{
    /// <summary>How much faster than the best window so far a window must be to count as still climbing.</summary>
    private const double Climb = 1.03;

    /// <summary>
    /// Windows of fresh deliveries until two windows in a row are not <see cref="Climb"/> above the best before them
    /// (at least <paramref name="minimum"/> and at most <paramref name="maximum"/> POSTs in all); every delivery sent.
    /// </summary>
    public static async Task<IReadOnlyList<Delivery>> UntilSteadyAsync(
        string name, Func<int, Delivery[]> create, int window, int minimum, int maximum, Target target)
    {
        var sent = new List<Delivery>();
        var best = 0.0;
        var flat = 0;
        while (sent.Count < maximum && (sent.Count < minimum || flat < 2))
        {
            var deliveries = create(Math.Min(window, maximum - sent.Count));
            var result = await Phase.MeasureAsync($"warm-up, {name}, window {(sent.Count / window) + 1}", deliveries, target);
            sent.AddRange(deliveries);
            flat = result.PostsPerSecond > best * Climb ? 0 : flat + 1;
            best = Math.Max(best, result.PostsPerSecond);
        }

        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"warm-up:    {name}: {sent.Count:N0} POSTs, {(flat >= 2 ? "steady" : "NOT steady (stopped at the cap)")}; best window {best:N0} POSTs/s"));
        return sent;
    }

    /// <summary>
    /// Waits (at most a minute) until the machine is quiet: the async daemon has worked through what the phase before
    /// appended, and PostgreSQL's autovacuum and the JIT's background work are done, so a phase is not charged
    /// for the one before it.
    /// </summary>
    public static async Task QuietAsync()
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < TimeSpan.FromMinutes(1))
        {
            var sample = CpuSample.Take();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            if (CpuSample.Take().Since(sample).Machine < 0.25)
            {
                return;
            }
        }

        Out.Line("settle:     the machine stayed busy for a minute before the phase (other work competes)");
    }
}
