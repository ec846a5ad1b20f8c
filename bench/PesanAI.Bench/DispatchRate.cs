namespace PesanAI.Bench;

/// <summary>
/// The dispatcher's rate as Meta saw it, from the emulator's accepted timestamps. The start (the number's bucket
/// starts full with R/10 tokens, the node warms up) is left out: the steady rate skips the first max(2R, 10%)
/// acceptances and runs to the last one (the backlog is queued before the dispatcher starts, so it never runs dry
/// before the end).
/// </summary>
internal sealed record DispatchRate(int Count, int Skipped, double OverallPerSecond, double SteadyPerSecond, double SteadySeconds, IReadOnlyList<int> PerSecond)
{
    public static DispatchRate From(IEnumerable<DateTimeOffset> acceptedAt, int rate)
    {
        var times = acceptedAt.Order().ToArray();
        if (times.Length < 3)
        {
            return new DispatchRate(times.Length, 0, 0, 0, 0, [0]);
        }

        var skip = Math.Min(times.Length / 2, Math.Max(2 * rate, times.Length / 10));
        var steadySeconds = (times[^1] - times[skip]).TotalSeconds;

        // Acceptances per whole second of the steady part (the last, partial second is left out).
        var whole = new int[Math.Max(1, (int)steadySeconds)];
        foreach (var second in times.Skip(skip).Select(t => (int)(t - times[skip]).TotalSeconds).Where(s => s < whole.Length))
        {
            whole[second]++;
        }

        return new DispatchRate(
            times.Length,
            skip,
            (times.Length - 1) / (times[^1] - times[0]).TotalSeconds,
            (times.Length - 1 - skip) / steadySeconds,
            steadySeconds,
            whole);
    }

    public int MedianSecond => PerSecond.Order().ElementAt(PerSecond.Count / 2);

    public int SlowestSecond => PerSecond.Min();

    public int FastestSecond => PerSecond.Max();
}
